{{%AUTOESCAPE context="HTML"}}{{! Simple pages of every edition, linked from the site's footer in this order. }}
<section>
<h1>Pages</h1>
<p><a class="button" href="/admin/pages/new">New page</a></p>
<table class="list">
<thead><tr><th>Ed.</th><th>Title</th><th>Address</th><th>Order</th><th>Updated</th></tr></thead>
<tbody>
{{#PAGE}}<tr><td data-label="Edition">{{EDITION}}</td><td data-label="Title"><a href="/admin/pages/{{ID}}">{{TITLE}}</a></td><td data-label="Address"><a href="{{PUBLIC_URL}}">{{PUBLIC_URL}}</a></td><td data-label="Order">{{POSITION}}</td><td data-label="Updated">{{UPDATED}}</td></tr>
{{/PAGE}}
</tbody>
</table>
{{#EMPTY}}<p>No pages yet: About, Contacts and Advertising are what readers look for in the footer.</p>{{/EMPTY}}
</section>
