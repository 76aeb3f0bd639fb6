{{%AUTOESCAPE context="HTML"}}{{! Create or edit an article. "revision" is what the form was loaded from: a save against a newer one is a conflict. }}
<section class="article-form">
<h1>{{HEADING}}</h1>
{{#ERRORS}}<div class="errors" role="alert">{{#ERROR}}<p>{{TEXT}}</p>{{/ERROR}}</div>{{/ERRORS}}
{{#EXISTING}}<p class="meta">No. {{ID}} · Status: <strong>{{STATUS}}</strong> ·
{{#PUBLIC}}<a href="{{PUBLIC_URL}}">View on site</a> ·{{/PUBLIC}}
<a href="/admin/articles/{{ID}}/preview">Preview</a> ·
<a href="/admin/articles/{{ID}}/revisions">Revisions</a> ·
<a href="/admin/articles/{{ID}}/delete">Delete…</a></p>{{/EXISTING}}
<form method="post" action="{{ACTION_URL}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="revision" value="{{REVISION}}">
<label>Edition <select name="edition">{{#EDITION_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/EDITION_OPTION}}</select></label>
<label>Category <select name="category">{{#CATEGORY_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/CATEGORY_OPTION}}</select></label>
<label>Title <input name="title" value="{{TITLE}}" required maxlength="500"></label>
<label>Slug <input name="slug" value="{{SLUG}}" maxlength="80" pattern="[a-z0-9]+(-[a-z0-9]+)*"> <small>empty: made from the title</small></label>
<label>Lead <textarea name="lead" rows="3" maxlength="1000">{{LEAD:pre_escape}}</textarea> <small>shown under the title and in listings; empty: the body's first paragraph</small></label>
<fieldset class="lead-photo"><legend>Lead photo</legend>
{{#LEAD_PHOTO}}<p class="chosen-photo"><img src="{{THUMB_URL}}" alt="{{ALT}}" width="160" height="{{THUMB_HEIGHT}}"> <span>No. {{ID}}: {{ALT}}</span></p>{{/LEAD_PHOTO}}
<label>Photo number <input name="lead_photo" value="{{LEAD_PHOTO_ID}}" inputmode="numeric" pattern="[0-9]*" maxlength="20"></label> <small>from the <a href="/admin/media">photo library</a>, or upload one below; empty: none</small>
</fieldset>
<label>Body (Markdown) <textarea name="body" rows="18">{{BODY:pre_escape}}</textarea> <small>a photo of the library: <code>![what it shows](media:NUMBER)</code> on a line of its own</small></label>
<label>Authors <textarea name="authors" rows="2">{{AUTHORS:pre_escape}}</textarea> <small>one per line, linked to their pages; a role in brackets: <code>Aysel Karimova (translated by)</code></small></label>
<label>Byline text <input name="author" value="{{AUTHOR}}" maxlength="200"> <small>shown when no authors are given above, as the seed's <code>Madina Mammadova\\EDnews</code></small></label>
<label>Source <input name="source" value="{{SOURCE}}" maxlength="200"></label>
<label>Published <input name="published_at" value="{{PUBLISHED_AT}}" pattern="[0-2][0-9]:[0-5][0-9] [0-3][0-9][.][01][0-9][.][0-9]{4}" placeholder="HH:MM DD.MM.YYYY" maxlength="16"> <small>HH:MM DD.MM.YYYY, Baku time; empty: when published</small></label>
<label>Tags <input name="tags" value="{{TAGS}}" maxlength="1300"> <small>separated by commas; new tags are made</small></label>
<label>Breaking news until (Baku time) <input name="breaking_until" value="{{BREAKING_UNTIL}}" pattern="[0-2][0-9]:[0-5][0-9] [0-3][0-9][.][01][0-9][.][0-9]{4}" placeholder="HH:MM DD.MM.YYYY" maxlength="16"> <small>a banner on every page of the edition until then; empty: not breaking</small></label>
<label>Translation of article No. <input name="translation_of" value="{{TRANSLATION_OF}}" inputmode="numeric" pattern="[0-9]*" maxlength="20"> <small>the same story in another edition: the language switcher leads there; empty: none</small></label>
<label>Related articles <input name="related" value="{{RELATED}}" maxlength="200"> <small>article numbers, separated by commas: <a href="/admin/articles?edition={{EDITION_CODE}}" target="_blank" rel="noopener">find them by title</a> (opens beside this form)</small></label>
<div class="buttons">
<button type="submit" name="action" value="save" class="primary">Save</button>
<button type="submit" name="action" value="publish" class="secondary">Publish now</button>
<button type="submit" name="action" value="schedule" class="secondary">Schedule at the time above</button>
{{#EXISTING}}{{#CAN_UNPUBLISH}}<button type="submit" name="action" value="unpublish" class="secondary">Unpublish</button>{{/CAN_UNPUBLISH}}{{/EXISTING}}
</div>
</form>
{{#EXISTING}}{{>UPLOAD}}
<form class="correction" method="post" action="/admin/articles/{{ID}}/corrections">
<h2>Add a correction</h2>
<input type="hidden" name="csrf" value="{{CSRF}}">
<label>What was wrong, and what is right <textarea name="text" rows="3" maxlength="2000" required></textarea> <small>shown under the article with today's date, and on the edition's corrections page</small></label>
<div class="buttons"><button type="submit" class="secondary">Add the correction</button></div>
</form>{{/EXISTING}}
</section>
