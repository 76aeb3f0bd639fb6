{{%AUTOESCAPE context="HTML"}}{{! The audit log, newest first. }}
<section>
<h1>Audit log</h1>
<table class="list">
<thead><tr><th>When</th><th>Who</th><th>From</th><th>Action</th><th>Target</th><th>Details</th></tr></thead>
<tbody>
{{#ENTRY}}<tr><td>{{AT}}</td><td>{{USER}}</td><td>{{ADDRESS}}</td><td>{{ACTION}}</td><td>{{TARGET}}</td><td>{{DETAILS}}</td></tr>
{{/ENTRY}}
</tbody>
</table>
{{#NEXT_PAGE}}<p class="pager"><a rel="next" href="/admin/audit?before={{NEXT_BEFORE}}">Older</a></p>{{/NEXT_PAGE}}
</section>
