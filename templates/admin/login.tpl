{{%AUTOESCAPE context="HTML"}}{{! The login form; its CSRF token is the double-submit cookie's. }}
<section class="login">
<h1>Log in</h1>
{{#ERRORS}}<div class="errors" role="alert">{{#ERROR}}<p>{{TEXT}}</p>{{/ERROR}}</div>{{/ERRORS}}
<form method="post" action="/admin/login">
<input type="hidden" name="csrf" value="{{LOGIN_CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<label>Name <input name="name" value="{{NAME}}" autocomplete="username" required maxlength="64" autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required maxlength="1024"></label>
<button type="submit">Log in</button>
</form>
</section>
