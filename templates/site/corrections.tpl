{{%AUTOESCAPE context="HTML"}}{{! Every correction of the edition, newest first, each with its article. }}
<section class="listing corrections">
<h1>{{HEADING}}</h1>
<ul class="correction-list">
{{#CORRECTION}}<li><time datetime="{{ISO}}">{{WHEN}}</time> <a href="{{URL}}">{{TITLE}}</a><p>{{TEXT}}</p></li>
{{/CORRECTION}}
</ul>
{{#EMPTY}}<p>{{NO_CORRECTIONS}}</p>{{/EMPTY}}
<nav class="pager">{{#FIRST_PAGE}}<a href="{{URL}}">{{LABEL}}</a> {{/FIRST_PAGE}}{{#NEXT_PAGE}}<a rel="next" href="{{BASE_URL}}?before={{CURSOR:u}}">{{LABEL}}</a>{{/NEXT_PAGE}}</nav>
</section>
