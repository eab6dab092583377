{{%AUTOESCAPE context="HTML"}}
<section class="card narrow">
<h1>{{HEADING}}</h1>
{{#FORM_ERROR}}
<p class="form-error" role="alert">{{TEXT}}</p>
{{/FORM_ERROR}}
<form method="post" action="{{PREFIX}}login" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<input type="hidden" name="next" value="{{NEXT}}">
<div class="field{{#LOGIN_INVALID}} invalid{{/LOGIN_INVALID}}">
<label for="login">[[Login name]]</label>
<input id="login" name="login" type="text" value="{{LOGIN_VALUE}}" autocomplete="username"
 autocapitalize="none" spellcheck="false" required maxlength="64"
{{#LOGIN_INVALID}} aria-invalid="true" aria-describedby="login-error"{{/LOGIN_INVALID}}>
{{#LOGIN_INVALID}}
<p class="field-error" id="login-error">{{LOGIN_ERROR}}</p>
{{/LOGIN_INVALID}}
</div>
<div class="field{{#PASSWORD_INVALID}} invalid{{/PASSWORD_INVALID}}">
<label for="password">[[Password]]</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256"
{{#PASSWORD_INVALID}} aria-invalid="true" aria-describedby="password-error"{{/PASSWORD_INVALID}}>
{{#PASSWORD_INVALID}}
<p class="field-error" id="password-error">{{PASSWORD_ERROR}}</p>
{{/PASSWORD_INVALID}}
</div>
<button type="submit" class="button primary">[[Sign in]]</button>
</form>
</section>
