{{%AUTOESCAPE context="HTML"}}{{! The front page of an edition: the stories editors put at the top, then a block per section. }}
<section class="home">
<h1 class="visually-hidden">{{HEADING}}</h1>
{{#TOP}}<div class="top-stories">
{{#TOP_STORY}}<article class="top-story">
{{>PHOTO}}
<h2><a href="{{URL}}">{{TITLE}}</a></h2>
<p class="meta"><a class="category" href="{{CATEGORY_URL}}">{{CATEGORY}}</a> <time datetime="{{ISO}}">{{WHEN}}</time></p>
{{#LEAD_SECTION}}<p class="lead">{{LEAD}}</p>{{/LEAD_SECTION}}
</article>
{{/TOP_STORY}}
</div>{{/TOP}}
{{#BLOCK}}<section class="block" aria-labelledby="block-{{SLUG}}">
<h2 id="block-{{SLUG}}"><a href="{{URL}}">{{NAME}}</a></h2>
<ul class="stories">
{{#STORY}}<li>{{#THUMB}}<a class="thumb" href="{{URL}}" tabindex="-1" aria-hidden="true">{{>PICTURE}}</a>{{/THUMB}}<a class="title" href="{{URL}}">{{TITLE}}</a> <span class="meta"><time datetime="{{ISO}}">{{WHEN}}</time></span></li>
{{/STORY}}
</ul>
</section>
{{/BLOCK}}
{{#EMPTY}}<p>{{NO_ARTICLES}}</p>{{/EMPTY}}
<p class="more"><a href="{{ALL_NEWS_URL}}">{{ALL_NEWS}}</a></p>
</section>
