{{%AUTOESCAPE context="HTML"}}{{! All news of an edition or of a category, grouped by day, newest first. }}
<section class="listing">
<h1>{{HEADING}}</h1>
{{#INTRO}}<div class="author-intro">{{#PHOTO}}<a class="thumb">{{>PICTURE}}</a>{{/PHOTO}}<p>{{BIO}}</p></div>{{/INTRO}}
{{#DAY}}<h2 class="day">{{DATE}}</h2>
<ul class="day-items">
{{#ITEM}}<li>{{#THUMB}}<a class="thumb" href="{{URL}}" tabindex="-1" aria-hidden="true">{{>PICTURE}}</a>{{/THUMB}}<time datetime="{{ISO}}">{{TIME}}</time> <a href="{{URL}}">{{TITLE}}</a> <a class="category" href="{{CATEGORY_URL}}">{{CATEGORY}}</a></li>
{{/ITEM}}
</ul>
{{/DAY}}
{{#EMPTY}}<p>{{NO_ARTICLES}}</p>{{/EMPTY}}
<nav class="pager">{{#FIRST_PAGE}}<a href="{{URL}}">{{LABEL}}</a> {{/FIRST_PAGE}}{{#NEXT_PAGE}}<a rel="next" href="{{BASE_URL}}?before={{CURSOR:u}}">{{LABEL}}</a>{{/NEXT_PAGE}}</nav>
</section>
