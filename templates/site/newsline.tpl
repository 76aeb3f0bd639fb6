{{%AUTOESCAPE context="HTML"}}{{! The News line sidebar: latest headlines of the edition, newest first. }}
<aside class="newsline" aria-labelledby="newsline-heading">
<h2 id="newsline-heading">{{HEADING}}</h2>
<ol class="newsline-items">
{{#ITEM}}<li{{#BREAKING}} class="breaking"{{/BREAKING}}>{{#BREAKING}}<strong class="breaking-mark">{{LABEL}}</strong> {{/BREAKING}}<a href="{{URL}}">{{TITLE}}</a><time datetime="{{ISO}}">{{WHEN}}</time></li>
{{/ITEM}}
</ol>
<a class="all-news" href="{{ALL_NEWS_URL}}">{{ALL_NEWS}}</a>
</aside>
