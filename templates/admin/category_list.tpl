{{%AUTOESCAPE context="HTML"}}{{! Categories per edition: create, rename, order, delete when empty. }}
<section>
<h1>Categories</h1>
{{#ERRORS}}<div class="errors" role="alert">{{#ERROR}}<p>{{TEXT}}</p>{{/ERROR}}</div>{{/ERRORS}}
<table class="list">
<thead><tr><th>Ed.</th><th>Slug</th><th>Name and order</th><th>Articles</th><th></th></tr></thead>
<tbody>
{{#CATEGORY}}<tr><td>{{EDITION}}</td><td><a href="{{PUBLIC_URL}}">{{SLUG}}</a></td>
<td><form class="inline" method="post" action="/admin/categories/{{ID}}"><input type="hidden" name="csrf" value="{{CSRF}}">
<input name="name" value="{{NAME}}" required maxlength="100" aria-label="Name"> <input name="position" value="{{POSITION}}" size="3" inputmode="numeric" aria-label="Order"> <button type="submit">Save</button></form></td>
<td>{{ARTICLES}}</td>
<td>{{#CAN_DELETE}}<form class="inline" method="post" action="/admin/categories/{{ID}}/delete"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit" class="danger">Delete</button></form>{{/CAN_DELETE}}</td></tr>
{{/CATEGORY}}
</tbody>
</table>
<h2>New category</h2>
<form method="post" action="/admin/categories">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label>Edition <select name="edition">{{#EDITION_OPTION}}<option value="{{VALUE}}">{{LABEL}}</option>{{/EDITION_OPTION}}</select></label>
<label>Name <input name="name" required maxlength="100"></label>
<label>Slug <input name="slug" maxlength="80"> <small>empty: made from the name</small></label>
<label>Order <input name="position" value="10" inputmode="numeric"></label>
<button type="submit">Create</button>
</form>
</section>
