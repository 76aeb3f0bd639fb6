{{%AUTOESCAPE context="HTML"}}{{! Users (admins only): add, change role, disable, reset password. }}
<section>
<h1>Users</h1>
{{#ERRORS}}<div class="errors" role="alert">{{#ERROR}}<p>{{TEXT}}</p>{{/ERROR}}</div>{{/ERRORS}}
<table class="list">
<thead><tr><th>Name</th><th>Role</th><th>State</th><th>Reset password</th></tr></thead>
<tbody>
{{#USER_ROW}}<tr><td>{{NAME}}{{#YOU}} (you){{/YOU}}</td>
<td><form class="inline" method="post" action="/admin/users/{{ID}}"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="action" value="role">
<select name="role" aria-label="Role"><option value="editor"{{#IS_EDITOR}} selected{{/IS_EDITOR}}>editor</option><option value="admin"{{#IS_ADMIN}} selected{{/IS_ADMIN}}>admin</option></select> <button type="submit">Set</button></form></td>
<td><form class="inline" method="post" action="/admin/users/{{ID}}"><input type="hidden" name="csrf" value="{{CSRF}}">
{{#ENABLED}}active <button type="submit" name="action" value="disable">Disable</button>{{/ENABLED}}{{#DISABLED}}<strong>disabled</strong> <button type="submit" name="action" value="enable">Enable</button>{{/DISABLED}}</form></td>
<td><form class="inline" method="post" action="/admin/users/{{ID}}"><input type="hidden" name="csrf" value="{{CSRF}}"><input type="hidden" name="action" value="reset_password">
<input name="password" type="password" autocomplete="new-password" minlength="8" maxlength="1024" required aria-label="New password"> <button type="submit">Reset</button></form></td></tr>
{{/USER_ROW}}
</tbody>
</table>
<h2>Add a user</h2>
<form method="post" action="/admin/users">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label>Name <input name="name" required maxlength="64" autocomplete="off"></label>
<label>Role <select name="role"><option value="editor">editor</option><option value="admin">admin</option></select></label>
<label>Password <input name="password" type="password" autocomplete="new-password" minlength="8" maxlength="1024" required></label>
<button type="submit">Add</button>
</form>
</section>
