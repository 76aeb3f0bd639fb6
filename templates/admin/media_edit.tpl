{{%AUTOESCAPE context="HTML"}}{{! One photo: its words, and where it is shown. }}
<section class="media-edit">
{{#ERRORS}}<div class="errors" role="alert">{{#ERROR}}<p>{{TEXT}}</p>{{/ERROR}}</div>{{/ERRORS}}
<p><img src="{{PREVIEW_URL}}" alt="{{ALT}}" width="640" height="{{PREVIEW_HEIGHT}}" class="photo-preview"></p>
<p class="meta">No. {{ID}} · {{WIDTH}} × {{HEIGHT}} · in an article body: <code>![{{ALT}}](media:{{ID}})</code></p>
<form method="post" action="/admin/media/{{ID}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label>Alt text <input name="alt" value="{{ALT}}" required maxlength="300"></label>
<label>Caption <input name="caption" value="{{CAPTION}}" maxlength="1000"></label>
<label>Credit <input name="credit" value="{{CREDIT}}" maxlength="200"></label>
<div class="buttons"><button type="submit" class="primary">Save</button> <a href="/admin/media">Back to the library</a></div>
</form>
</section>
