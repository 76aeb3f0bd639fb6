{{%AUTOESCAPE context="HTML"}}{{! Articles, most recently changed first, with filters and cursor pagination. }}
<section>
<h1>Articles</h1>
<p><a class="button" href="/admin/articles/new">New article</a></p>
<form class="filters" method="get" action="/admin/articles">
<label>Edition <select name="edition"><option value="">any</option>{{#EDITION_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/EDITION_OPTION}}</select></label>
<label>Status <select name="status"><option value="">not deleted</option>{{#STATUS_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{VALUE}}</option>{{/STATUS_OPTION}}</select></label>
<label>Category <select name="category"><option value="">any</option>{{#CATEGORY_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/CATEGORY_OPTION}}</select></label>
<label>Title <input name="q" value="{{Q}}" maxlength="200"></label>
<button type="submit">Filter</button>
</form>
{{#ERRORS}}<div class="errors" role="alert">{{#ERROR}}<p>{{TEXT}}</p>{{/ERROR}}</div>{{/ERRORS}}
<table class="list">
<thead><tr><th>Title</th><th>Ed.</th><th>Category</th><th>Status</th><th>Published</th><th>Changed</th></tr></thead>
<tbody>
{{#ARTICLE}}<tr><td><a href="/admin/articles/{{ID}}">{{TITLE}}</a></td><td>{{EDITION}}</td><td>{{CATEGORY}}</td><td class="status-{{STATUS}}">{{STATUS}}</td><td>{{PUBLISHED_AT}}</td><td>{{UPDATED_AT}} {{UPDATED_BY}}</td></tr>
{{/ARTICLE}}
</tbody>
</table>
{{#EMPTY}}<p>No articles match.</p>{{/EMPTY}}
{{#NEXT_PAGE}}<p class="pager"><a rel="next" href="/admin/articles?{{NEXT_QUERY}}">Older</a></p>{{/NEXT_PAGE}}
</section>
