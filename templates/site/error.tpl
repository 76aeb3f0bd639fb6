{{%AUTOESCAPE context="HTML"}}{{! An error page inside the site layout (404, 405). }}
<section class="error">
<h1>{{HEADING}}</h1>
<p>{{TEXT}}</p>
<p><a href="{{HOME_URL}}">{{HOME}}</a></p>
</section>
