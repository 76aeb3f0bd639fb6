{{%AUTOESCAPE context="HTML"}}{{! Authors: their pages, bios and photos. }}
<section>
<h1>Authors</h1>
<p>Authors are made as editors name them on articles; here they get a bio and a photo.</p>
<table class="list">
<thead><tr><th>Name</th><th>Page</th><th>Bio</th></tr></thead>
<tbody>
{{#AUTHOR}}<tr><td data-label="Name"><a href="/admin/authors/{{ID}}">{{NAME}}</a></td><td data-label="Page"><a href="{{PUBLIC_URL}}">{{SLUG}}</a></td><td data-label="Bio">{{BIO}}</td></tr>
{{/AUTHOR}}
</tbody>
</table>
{{#EMPTY}}<p>No authors yet.</p>{{/EMPTY}}
</section>
