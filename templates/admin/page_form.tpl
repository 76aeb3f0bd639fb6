{{%AUTOESCAPE context="HTML"}}{{! Create or edit a simple page. }}
<section class="article-form">
<h1>{{HEADING}}</h1>
{{#ERRORS}}<div class="errors" role="alert">{{#ERROR}}<p>{{TEXT}}</p>{{/ERROR}}</div>{{/ERRORS}}
{{#EXISTING}}<p class="meta"><a href="{{PUBLIC_URL}}">View on site</a></p>{{/EXISTING}}
<form method="post" action="{{ACTION_URL}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#NEW}}<label>Edition <select name="edition">{{#EDITION_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/EDITION_OPTION}}</select></label>{{/NEW}}
<label>Title <input name="title" value="{{TITLE}}" required maxlength="200"></label>
<label>Slug <input name="slug" value="{{SLUG}}" maxlength="80" pattern="[a-z0-9]+(-[a-z0-9]+)*"> <small>the address: /{{EDITION}}/page/slug; empty: made from the title</small></label>
<label>Order in the footer <input name="position" value="{{POSITION}}" inputmode="numeric" maxlength="5"></label>
<label>Text (Markdown) <textarea name="body" rows="14">{{BODY:pre_escape}}</textarea></label>
<div class="buttons"><button type="submit" class="primary">Save</button> <a href="/admin/pages">Back to the pages</a></div>
</form>
{{#EXISTING}}<form method="post" action="/admin/pages/{{ID}}/delete"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="danger">Delete this page</button></form>{{/EXISTING}}
</section>
