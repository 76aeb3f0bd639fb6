{{%AUTOESCAPE context="HTML"}}{{! Every saved revision of an article, newest first. }}
<section>
<h1>Revisions of “{{TITLE}}”</h1>
<p><a href="/admin/articles/{{ID}}">Back to the article</a></p>
<table class="list">
<thead><tr><th>#</th><th>Saved</th><th>By</th><th>Title</th><th>Status</th><th></th></tr></thead>
<tbody>
{{#REVISION}}<tr><td><a href="/admin/articles/{{ID}}/revisions/{{NUMBER}}">{{NUMBER}}</a>{{#CURRENT}} (current){{/CURRENT}}</td><td>{{SAVED_AT}}</td><td>{{USER}}</td><td>{{TITLE}}</td><td>{{STATUS}}</td>
<td><form method="post" action="/admin/articles/{{ID}}/revisions/{{NUMBER}}/restore"><input type="hidden" name="csrf" value="{{CSRF}}"><button type="submit">Restore</button></form></td></tr>
{{/REVISION}}
</tbody>
</table>
</section>
