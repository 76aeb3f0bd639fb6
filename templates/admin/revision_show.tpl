{{%AUTOESCAPE context="HTML"}}{{! The full text of one revision. }}
<section>
<h1>Revision {{NUMBER}}: {{TITLE}}</h1>
<p><a href="/admin/articles/{{ID}}/revisions">All revisions</a></p>
<dl class="fields">
<dt>Edition</dt><dd>{{EDITION}}</dd><dt>Category</dt><dd>{{CATEGORY}}</dd><dt>Slug</dt><dd>{{SLUG}}</dd>
<dt>Author</dt><dd>{{AUTHOR}}</dd><dt>Source</dt><dd>{{SOURCE}}</dd><dt>Status</dt><dd>{{STATUS}}</dd>
<dt>Published</dt><dd>{{PUBLISHED_AT}}</dd>
</dl>
<pre class="body-text">{{BODY:pre_escape}}</pre>
<form method="post" action="/admin/articles/{{ID}}/revisions/{{NUMBER}}/restore">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit">Restore this revision</button>
</form>
</section>
