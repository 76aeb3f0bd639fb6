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
<thead><tr><th>Photo</th><th>No.</th><th>Title</th><th>Author</th><th>Ed.</th><th>Category</th><th>Status</th><th>Published</th><th>Changed</th></tr></thead>
<tbody>
{{#ARTICLE}}<tr><td class="thumb-cell">{{#THUMB}}<img src="{{URL}}" alt="" width="96" height="{{HEIGHT}}" loading="lazy">{{/THUMB}}</td><td data-label="No.">{{ID}}</td><td data-label="Title"><a href="/admin/articles/{{ID}}">{{TITLE}}</a></td><td data-label="Author">{{AUTHOR}}</td><td data-label="Edition">{{EDITION}}</td><td data-label="Category">{{CATEGORY}}</td><td data-label="Status" class="status-{{STATUS}}">{{STATUS}}</td><td data-label="Published">{{PUBLISHED_AT}}</td><td data-label="Changed">{{UPDATED_AT}} {{UPDATED_BY}}</td></tr>
{{/ARTICLE}}
</tbody>
</table>
{{#EMPTY}}<p>No articles match.</p>{{/EMPTY}}
{{#NEXT_PAGE}}<p class="pager"><a rel="next" href="/admin/articles?{{NEXT_QUERY}}">Older</a></p>{{/NEXT_PAGE}}
</section>
