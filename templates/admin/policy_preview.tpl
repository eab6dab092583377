{{%AUTOESCAPE context="HTML"}}
{{>POLICY}}
