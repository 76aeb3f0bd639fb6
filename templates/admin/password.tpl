{{%AUTOESCAPE context="HTML"}}{{! Change one's own password; other sessions end. }}
<section class="narrow">
<h1>Change your password</h1>
{{#ERRORS}}<div class="errors" role="alert">{{#ERROR}}<p>{{TEXT}}</p>{{/ERROR}}</div>{{/ERRORS}}
<form method="post" action="/admin/password">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label>Current password <input name="current" type="password" autocomplete="current-password" required maxlength="1024"></label>
<label>New password <input name="password" type="password" autocomplete="new-password" minlength="8" maxlength="1024" required> <small>8 characters or more; any characters</small></label>
<label>New password again <input name="confirm" type="password" autocomplete="new-password" minlength="8" maxlength="1024" required></label>
<button type="submit">Change password</button>
</form>
<p>Your other sessions end when you change it.</p>
</section>
