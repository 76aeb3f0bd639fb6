{{%AUTOESCAPE context="HTML"}}{{! The tags of an edition: their pages, how many published stories each has, rename and delete. }}
<section>
<h1>Tags</h1>
{{#ERRORS}}<div class="errors" role="alert">{{#ERROR}}<p>{{TEXT}}</p>{{/ERROR}}</div>{{/ERRORS}}
<form class="filters" method="get" action="/admin/tags">
<label>Edition <select name="edition">{{#EDITION_OPTION}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/EDITION_OPTION}}</select></label>
<button type="submit" class="secondary">Show</button>
</form>
<p>Tags are made as editors give them to articles.</p>
<table class="list">
<thead><tr><th>Tag</th><th>Name</th><th>Published stories</th><th></th></tr></thead>
<tbody>
{{#TAG}}<tr><td data-label="Tag"><a href="{{PUBLIC_URL}}">#{{SLUG}}</a></td>
<td data-label="Name"><form class="inline" method="post" action="/admin/tags/{{ID}}"><input type="hidden" name="csrf" value="{{CSRF}}"><input name="name" value="{{NAME}}" required maxlength="100" aria-label="Name of tag {{SLUG}}"> <button type="submit" class="secondary">Rename</button></form></td>
<td data-label="Published stories">{{ARTICLES}}</td>
<td><form class="inline" method="post" action="/admin/tags/{{ID}}/delete"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="danger">Delete</button></form></td></tr>
{{/TAG}}
</tbody>
</table>
{{#EMPTY}}<p>No tags in this edition yet.</p>{{/EMPTY}}
</section>
