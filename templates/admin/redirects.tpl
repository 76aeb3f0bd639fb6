{{%AUTOESCAPE context="HTML"}}{{! Old addresses (an import's, or added here) and where each leads: search, add, remove. }}
<section>
<h1>Redirects</h1>
<p>An old address answers 301 with the address it leads to, when no page of this site answers it: an old site's articles after an import, a campaign's short address, a renamed section.</p>
{{#ERRORS}}<div class="errors" role="alert">{{#ERROR}}<p>{{TEXT}}</p>{{/ERROR}}</div>{{/ERRORS}}
<form class="filters" method="get" action="/admin/redirects" role="search">
<label>Old address starts with <input type="search" name="q" value="{{Q}}" maxlength="1000" placeholder="/2019/05/ or https://old.example/category/"></label>
<button type="submit" class="secondary">Search</button>
</form>
<table class="list">
<thead><tr><th>Old address</th><th>Leads to</th><th>From</th><th></th></tr></thead>
<tbody>
{{#REDIRECT}}<tr><td data-label="Old address"><code>{{OLD}}</code></td><td data-label="Leads to"><a href="{{TARGET}}">{{TARGET}}</a></td><td data-label="From">{{ORIGIN}} {{CREATED}}</td>
<td><form class="inline" method="post" action="/admin/redirects/delete"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="old" value="{{OLD}}"><button type="submit" class="danger">Remove</button></form></td></tr>
{{/REDIRECT}}
</tbody>
</table>
{{#EMPTY}}<p>No old address starts so.</p>{{/EMPTY}}
{{#NEXT_PAGE}}<nav class="pager"><a rel="next" href="/admin/redirects?q={{Q:u}}&amp;after={{AFTER:u}}">More</a></nav>{{/NEXT_PAGE}}
<h2>Add a redirect</h2>
<form method="post" action="/admin/redirects">
<input type="hidden" name="csrf" value="{{CSRF}}">
<p><label for="redirect-old">Old address</label>
<input id="redirect-old" name="old" value="{{NEW_OLD}}" required maxlength="1000" placeholder="/2019/05/18/old-story/ or https://old.example/?p=12"></p>
<p><label for="redirect-target">Leads to (an address of this site)</label>
<input id="redirect-target" name="target" value="{{NEW_TARGET}}" required maxlength="1000" placeholder="/en/news/politics/123-the-story"></p>
<p><button type="submit">Add</button></p>
</form>
</section>
