{{%AUTOESCAPE context="HTML"}}{{! Search results: the query again in a box, then each story with its words marked. }}
<section class="search">
<h1>{{HEADING}}</h1>
<form class="search-form" role="search" action="{{SEARCH_URL}}" method="get">
<label for="search-page-q">{{SEARCH_LABEL}}</label>
<input id="search-page-q" type="search" name="q" value="{{QUERY}}" maxlength="200" enterkeyhint="search">
<button type="submit">{{BUTTON}}</button>
</form>
{{#MESSAGE}}<p class="search-message" role="status">{{TEXT}}</p>{{/MESSAGE}}
{{#RESULTS}}<ol class="results">
{{#RESULT}}<li>{{#THUMB}}<a class="thumb" href="{{URL}}" tabindex="-1" aria-hidden="true">{{>PICTURE}}</a>{{/THUMB}}<h2><a href="{{URL}}">{{#TITLE_PIECE}}{{#HIT}}<mark>{{/HIT}}{{TEXT}}{{#HIT}}</mark>{{/HIT}}{{/TITLE_PIECE}}</a></h2>
<p class="meta"><time datetime="{{ISO}}">{{WHEN}}</time> <a class="category" href="{{CATEGORY_URL}}">{{CATEGORY}}</a></p>
<p class="snippet">{{#PIECE}}{{#HIT}}<mark>{{/HIT}}{{TEXT}}{{#HIT}}</mark>{{/HIT}}{{/PIECE}}</p></li>
{{/RESULT}}
</ol>{{/RESULTS}}
{{#NEXT_PAGE}}<nav class="pager"><a rel="next" href="{{SEARCH_URL}}?q={{QUERY:u}}&amp;after={{CURSOR:u}}">{{LABEL}}</a></nav>{{/NEXT_PAGE}}
</section>
