{{%AUTOESCAPE context="HTML"}}{{! The front page of an edition: the newest story with its lead, then the latest headlines. }}
<section class="home">
<h1 class="visually-hidden">{{HEADING}}</h1>
{{#TOP_STORY}}<article class="top-story">
{{>PHOTO}}
<h2><a href="{{URL}}">{{TITLE}}</a></h2>
<p class="meta"><a class="category" href="{{CATEGORY_URL}}">{{CATEGORY}}</a> <time datetime="{{ISO}}">{{WHEN}}</time></p>
<p class="lead">{{LEAD}}</p>
</article>{{/TOP_STORY}}
<ul class="stories">
{{#STORY}}<li>{{#THUMB}}<a class="thumb" href="{{URL}}" tabindex="-1" aria-hidden="true">{{>PICTURE}}</a>{{/THUMB}}<a class="title" href="{{URL}}">{{TITLE}}</a> <span class="meta"><a class="category" href="{{CATEGORY_URL}}">{{CATEGORY}}</a> <time datetime="{{ISO}}">{{WHEN}}</time></span></li>
{{/STORY}}
</ul>
{{#EMPTY}}<p>{{NO_ARTICLES}}</p>{{/EMPTY}}
<p class="more"><a href="{{ALL_NEWS_URL}}">{{ALL_NEWS}}</a></p>
</section>
