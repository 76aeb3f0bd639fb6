{{%AUTOESCAPE context="HTML"}}{{! The admin layout: works without JavaScript and on a phone. }}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{{PAGE_TITLE}} | {{SITE_NAME}} admin</title>
<link rel="stylesheet" href="{{SITE_CSS_URL}}">
<link rel="stylesheet" href="{{ADMIN_CSS_URL}}">
</head>
<body class="admin">
<header class="site-header admin-header">
<a class="brand" href="/admin">{{SITE_NAME}} <span class="badge">admin</span></a>
{{#USER}}<nav class="admin-nav" aria-label="Admin">
<a href="/admin/articles">Articles</a>
<a href="/admin/articles/new">New article</a>
<a href="/admin/front">Front page</a>
<a href="/admin/media">Photos</a>
<a href="/admin/tags">Tags</a>
<a href="/admin/authors">Authors</a>
<a href="/admin/pages">Pages</a>
<a href="/admin/redirects">Redirects</a>
{{#ADMIN_NAV}}<a href="/admin/categories">Categories</a>
<a href="/admin/users">Users</a>
<a href="/admin/audit">Audit log</a>{{/ADMIN_NAV}}
<a href="/admin/password">Password</a>
<a href="/" target="_blank" rel="noopener">View site</a>
</nav>
<form class="logout" method="post" action="/admin/logout">
<input type="hidden" name="csrf" value="{{CSRF}}">
<span class="who">{{NAME}} ({{ROLE}})</span> <button type="submit">Log out</button>
</form>{{/USER}}
</header>
<main class="admin-main">
{{#NOTICE_SECTION}}<p class="notice" role="status">{{NOTICE}}</p>{{/NOTICE_SECTION}}
{{>CONTENT}}
</main>
</body>
</html>
