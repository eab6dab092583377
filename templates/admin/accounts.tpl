{{%AUTOESCAPE context="HTML"}}
<h1>[[Accounts and shops]]</h1>
<p class="lead">
[[Shops with their return address, seller and admin accounts. A disabled account is signed out at once.]]
</p>
<nav class="tabs" aria-label="[[Accounts]]">
<ul>
{{#WHO}}
<li><a href="{{PREFIX}}accounts?who={{NAME}}" class="who-{{NAME}}"
{{#CURRENT}} aria-current="page"{{/CURRENT}}>{{WORDS}}</a></li>
{{/WHO}}
</ul>
</nav>
{{#SHOPS_TAB}}
<section class="card">
<h2>[[Shops]]</h2>
<p class="muted">[[Newest first, 20 a page.]]</p>
<table class="queue shops">
<thead>
<tr>
<th scope="col" class="num">[[Id]]</th>
<th scope="col">[[Shop]]</th>
<th scope="col">[[Currency]]</th>
<th scope="col" class="num">[[Return addresses]]</th>
<th scope="col" class="num">[[Sellers]]</th>
</tr>
</thead>
<tbody>
{{#SHOP}}
<tr id="shop-{{ID}}">
<td class="num" data-label="[[Id]]">{{ID}}</td>
<td data-label="[[Shop]]">{{NAME}}</td>
<td data-label="[[Currency]]">{{CURRENCY}}</td>
<td class="num" data-label="[[Return addresses]]">{{ADDRESSES}}</td>
<td class="num" data-label="[[Sellers]]">{{SELLERS}}</td>
</tr>
{{/SHOP}}
</tbody>
</table>
<nav class="pager">
{{#SHOPS_FIRST}}<a href="{{PREFIX}}accounts?who=shops" class="button">[[First page]]</a>{{/SHOPS_FIRST}}
{{#SHOPS_NEXT}}<a href="{{PREFIX}}accounts?{{QUERY}}" class="button" rel="next">[[Next page]]</a>{{/SHOPS_NEXT}}
</nav>
</section>
<form method="post" action="{{PREFIX}}accounts/shop" class="card request" novalidate>
<h2>[[New shop]]</h2>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field{{#S_NAME_ERROR}} invalid{{/S_NAME_ERROR}}">
<label for="s-name">[[Shop name]]</label>
<input type="text" id="s-name" name="name" value="{{S_NAME}}" maxlength="100"
{{#S_NAME_ERROR}} aria-invalid="true" aria-describedby="s-name-error"{{/S_NAME_ERROR}}>
{{#S_NAME_ERROR}}
<p class="field-error" id="s-name-error">{{TEXT}}</p>
{{/S_NAME_ERROR}}
</div>
<div class="field">
<label for="s-currency">[[Currency]]</label>
<select id="s-currency" name="currency">
{{#CURRENCY}}
<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{CODE}}</option>
{{/CURRENCY}}
</select>
</div>
<div class="field{{#S_LABEL_ERROR}} invalid{{/S_LABEL_ERROR}}">
<label for="s-label">[[Return address name]]</label>
<input type="text" id="s-label" name="label" value="{{S_LABEL}}" maxlength="64"
{{#S_LABEL_ERROR}} aria-invalid="true" aria-describedby="s-label-error"{{/S_LABEL_ERROR}}>
{{#S_LABEL_ERROR}}
<p class="field-error" id="s-label-error">{{TEXT}}</p>
{{/S_LABEL_ERROR}}
</div>
<div class="field{{#S_RECIPIENT_ERROR}} invalid{{/S_RECIPIENT_ERROR}}">
<label for="s-recipient">[[Recipient]]</label>
<input type="text" id="s-recipient" name="recipient" value="{{S_RECIPIENT}}" maxlength="100"
{{#S_RECIPIENT_ERROR}} aria-invalid="true" aria-describedby="s-recipient-error"{{/S_RECIPIENT_ERROR}}>
{{#S_RECIPIENT_ERROR}}
<p class="field-error" id="s-recipient-error">{{TEXT}}</p>
{{/S_RECIPIENT_ERROR}}
</div>
<div class="field{{#S_PHONE_ERROR}} invalid{{/S_PHONE_ERROR}}">
<label for="s-phone">[[Phone]]</label>
<input type="text" id="s-phone" name="phone" value="{{S_PHONE}}" maxlength="32"
{{#S_PHONE_ERROR}} aria-invalid="true" aria-describedby="s-phone-error"{{/S_PHONE_ERROR}}>
{{#S_PHONE_ERROR}}
<p class="field-error" id="s-phone-error">{{TEXT}}</p>
{{/S_PHONE_ERROR}}
</div>
<div class="field{{#S_ADDRESS_ERROR}} invalid{{/S_ADDRESS_ERROR}}">
<label for="s-address">[[Postal address]]</label>
<textarea id="s-address" name="address" rows="2"
{{#S_ADDRESS_ERROR}} aria-invalid="true" aria-describedby="s-address-error"{{/S_ADDRESS_ERROR}}>
{{S_ADDRESS:pre_escape}}</textarea>
{{#S_ADDRESS_ERROR}}
<p class="field-error" id="s-address-error">{{TEXT}}</p>
{{/S_ADDRESS_ERROR}}
</div>
<p><button type="submit" class="button primary">[[Add the shop]]</button></p>
</form>
{{/SHOPS_TAB}}
{{#ACCOUNTS_TAB}}
<section class="card">
<h2>[[Accounts]]</h2>
<form method="get" action="{{PREFIX}}accounts" class="inline search">
<label for="q-login">[[Login name, or its beginning]]</label>
<input type="search" id="q-login" name="login" value="{{Q_LOGIN}}" maxlength="64">
<button type="submit" class="button">[[Find]]</button>
</form>
<p class="muted">[[Newest first, 20 a page.]]
[[A search shows the account of that login, or else the first 50 logins that begin with it.]]</p>
{{#FOUND_MORE}}
<p class="muted">[[More logins begin with this: only the first 50 are shown. Type more of it.]]</p>
{{/FOUND_MORE}}
{{#NO_USERS}}<p class="empty">[[No account here.]]</p>{{/NO_USERS}}
<table class="queue users">
<thead>
<tr>
<th scope="col">[[Login]]</th>
<th scope="col">[[Role]]</th>
<th scope="col">[[Shop]]</th>
<th scope="col" class="num">[[Sessions]]</th>
<th scope="col">[[State]]</th>
<th scope="col">[[Change]]</th>
</tr>
</thead>
<tbody>
{{#USER}}
<tr id="user-{{LOGIN}}">
<td data-label="[[Login]]">{{LOGIN}} <small class="muted">{{NAME}}</small></td>
<td data-label="[[Role]]">{{ROLE}}</td>
<td data-label="[[Shop]]">{{SHOP}}</td>
<td class="num" data-label="[[Sessions]]">{{SESSIONS}}</td>
<td data-label="[[State]]">{{#DISABLED}}[[disabled]]{{/DISABLED}}{{#ENABLED}}[[active]]{{/ENABLED}}</td>
<td data-label="[[Change]]">
{{#CAN_DISABLE}}
<form method="post" action="{{PREFIX}}users/{{ID}}/disable" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="button">[[Disable]]</button>
</form>
{{/CAN_DISABLE}}
{{#CAN_ENABLE}}
<form method="post" action="{{PREFIX}}users/{{ID}}/enable" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<button type="submit" class="button">[[Enable]]</button>
</form>
{{/CAN_ENABLE}}
<form method="post" action="{{PREFIX}}users/{{ID}}/password" class="inline">
<input type="hidden" name="csrf" value="{{CSRF}}">
<label for="pw-{{ID}}">[[New password]]</label>
<input type="password" id="pw-{{ID}}" name="password" autocomplete="new-password">
<button type="submit" class="button">[[Reset]]</button>
</form>
</td>
</tr>
{{/USER}}
</tbody>
</table>
<nav class="pager">
{{#USERS_FIRST}}<a href="{{PREFIX}}accounts?{{QUERY}}" class="button">[[First page]]</a>{{/USERS_FIRST}}
{{#USERS_NEXT}}<a href="{{PREFIX}}accounts?{{QUERY}}" class="button" rel="next">[[Next page]]</a>{{/USERS_NEXT}}
</nav>
</section>
<form method="post" action="{{PREFIX}}accounts/user" class="card request" novalidate>
<h2>[[New account]]</h2>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="field">
<label for="u-role">[[Role]]</label>
<select id="u-role" name="role">
{{#ROLE}}
<option value="{{CODE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>
{{/ROLE}}
</select>
</div>
<div class="field{{#U_LOGIN_ERROR}} invalid{{/U_LOGIN_ERROR}}">
<label for="u-login">[[Login name]]</label>
<input type="text" id="u-login" name="login" value="{{U_LOGIN}}" maxlength="64"
{{#U_LOGIN_ERROR}} aria-invalid="true" aria-describedby="u-login-error"{{/U_LOGIN_ERROR}}>
{{#U_LOGIN_ERROR}}
<p class="field-error" id="u-login-error">{{TEXT}}</p>
{{/U_LOGIN_ERROR}}
</div>
<div class="field{{#U_NAME_ERROR}} invalid{{/U_NAME_ERROR}}">
<label for="u-name">[[Name shown to others]]</label>
<input type="text" id="u-name" name="display_name" value="{{U_NAME}}" maxlength="100"
{{#U_NAME_ERROR}} aria-invalid="true" aria-describedby="u-name-error"{{/U_NAME_ERROR}}>
{{#U_NAME_ERROR}}
<p class="field-error" id="u-name-error">{{TEXT}}</p>
{{/U_NAME_ERROR}}
</div>
<div class="field{{#U_PASSWORD_ERROR}} invalid{{/U_PASSWORD_ERROR}}">
<label for="u-password">[[Password]]</label>
<input type="password" id="u-password" name="password" autocomplete="new-password"
{{#U_PASSWORD_ERROR}} aria-invalid="true" aria-describedby="u-password-error"{{/U_PASSWORD_ERROR}}>
{{#U_PASSWORD_ERROR}}
<p class="field-error" id="u-password-error">{{TEXT}}</p>
{{/U_PASSWORD_ERROR}}
</div>
<div class="field{{#U_SHOP_ERROR}} invalid{{/U_SHOP_ERROR}}">
<label for="u-shop">[[Shop id (sellers only; see the list of shops)]]</label>
<input type="text" id="u-shop" name="shop" value="{{U_SHOP}}" inputmode="numeric" maxlength="19"
{{#U_SHOP_ERROR}} aria-invalid="true" aria-describedby="u-shop-error"{{/U_SHOP_ERROR}}>
{{#U_SHOP_ERROR}}
<p class="field-error" id="u-shop-error">{{TEXT}}</p>
{{/U_SHOP_ERROR}}
</div>
<p><button type="submit" class="button primary">[[Add the account]]</button></p>
</form>
{{/ACCOUNTS_TAB}}
