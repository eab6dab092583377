{{%AUTOESCAPE context="HTML"}}
<!DOCTYPE html>
<html lang="{{LANG}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{TITLE}} · refund-desk {{APP_TITLE}}</title>
<link rel="stylesheet" href="/static/desk.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<script src="/static/desk.js" defer></script>
</head>
<body class="app-{{APP_NAME}}">
<a class="skip" href="#main">[[Skip to the content]]</a>
<header class="top">
<a class="brand" href="{{PREFIX}}">refund-desk <span>{{APP_TITLE}}</span></a>
{{#HAS_NAV}}
<nav aria-label="[[Main]]">
<ul>
{{#NAV}}
<li><a href="{{PREFIX}}{{HREF}}"{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{LABEL}}</a></li>
{{/NAV}}
</ul>
</nav>
{{/HAS_NAV}}
{{#UNREAD}}
<a class="unread-count" href="{{PREFIX}}{{HREF}}" title="{{TEXT}}">
<span class="unread-dot" aria-hidden="true">{{COUNT}}</span>
<span class="visually-hidden">{{TEXT}}</span></a>
{{/UNREAD}}
{{#USER}}
<form class="who" method="post" action="{{PREFIX}}logout">
<span class="who-name">{{DISPLAY_NAME}} <small>{{LOGIN}} · {{ROLE}}</small></span>
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="linkish">[[Sign out]]</button>
</form>
{{/USER}}
</header>
<main id="main">
{{#FLASH}}
<p class="flash flash-{{KIND}}" role="status">{{TEXT}}</p>
{{/FLASH}}
{{>BODY}}
</main>
<footer class="foot">
<p>
refund-desk · [[after-sale refunds, returns and exchanges]] ·
<a href="{{PREFIX}}policy">[[Return policy]]</a>
</p>
<p class="langs">
<a href="{{PREFIX}}lang?to=en&amp;back={{HERE}}" lang="en" hreflang="en">English</a> ·
<a href="{{PREFIX}}lang?to=zh-CN&amp;back={{HERE}}" lang="zh-CN" hreflang="zh-CN">简体中文</a>
</p>
</footer>
</body>
</html>
