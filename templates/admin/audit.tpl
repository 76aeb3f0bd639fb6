{{%AUTOESCAPE context="HTML"}}{{! The audit log, newest first. }}
<section>
<h1>Audit log</h1>
<table class="list">
<thead><tr><th>When</th><th>What happened</th><th>Details</th><th>From</th></tr></thead>
<tbody>
{{#ENTRY}}<tr><td data-label="When">{{AT}}</td><td data-label="What happened"><strong>{{USER}}</strong> {{VERB}} {{TARGET}}</td><td data-label="Details">{{DETAILS}}</td><td data-label="From">{{ADDRESS}}</td></tr>
{{/ENTRY}}
</tbody>
</table>
{{#NEXT_PAGE}}<p class="pager"><a rel="next" href="/admin/audit?before={{NEXT_BEFORE}}">Older</a></p>{{/NEXT_PAGE}}
</section>
