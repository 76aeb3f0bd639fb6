{{%AUTOESCAPE context="HTML"}}{{! A short message page: errors in the admin area. }}
<section class="narrow">
<h1>{{HEADING}}</h1>
<p>{{TEXT}}</p>
<p><a href="/admin">Back to the admin area</a></p>
</section>
