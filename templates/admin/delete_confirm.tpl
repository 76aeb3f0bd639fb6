{{%AUTOESCAPE context="HTML"}}{{! Confirmation before deleting: the article is kept in the database but leaves the site. }}
<section>
<h1>Delete this article?</h1>
<p><strong>{{TITLE}}</strong> ({{STATUS}})</p>
<p>It disappears from the site at once. It stays in the database with its revisions and can be restored from them.</p>
<form method="post" action="/admin/articles/{{ID}}/delete">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="danger">Delete</button> <a href="/admin/articles/{{ID}}">Cancel</a>
</form>
</section>
