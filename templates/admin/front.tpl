{{%AUTOESCAPE context="HTML"}}{{! The front page of an edition: the stories pinned to its top, in order. }}
<section>
<h1>Front page</h1>
{{#ERRORS}}<div class="errors" role="alert">{{#ERROR}}<p>{{TEXT}}</p>{{/ERROR}}</div>{{/ERRORS}}
<form class="filters" method="get" action="/admin/front">
<label>Edition <select name="edition">{{#EDITION_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/EDITION_OPTION}}</select></label>
<button type="submit" class="secondary">Show</button>
</form>
<p>The stories at the top of the <a href="{{HOME_URL}}">front page</a>, first the largest. Below them every section shows its newest stories by itself. With no story pinned, the newest three are at the top.</p>
<form method="post" action="/admin/front">
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="edition" value="{{EDITION}}">
<ol class="slots">
{{#SLOT}}<li><label>Article No. <input name="slot" value="{{ID}}" inputmode="numeric" pattern="[0-9]*" maxlength="20"></label>{{#ARTICLE}} <a href="/admin/articles/{{ID}}">{{TITLE}}</a> <span class="status-{{STATUS}}">{{STATUS}}</span>{{/ARTICLE}}</li>
{{/SLOT}}
</ol>
<div class="buttons"><button type="submit" class="primary">Save the front page</button></div>
</form>
</section>
