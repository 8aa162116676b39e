/* 参与 Canyu — progressive enhancement only: every page works without it. */
(function () {
    "use strict";

    var root = document.documentElement;
    root.classList.add("js");

    /* The header menu is a <details> element. On wide screens keep it open
       (the toggle is hidden there); on phones close it with Escape or by
       tapping outside it. */
    var menu = document.querySelector("[data-site-menu]");
    if (menu && window.matchMedia) {
        var wide = window.matchMedia("(min-width: 64em)");
        var sync = function () {
            menu.open = wide.matches;
        };
        sync();
        if (wide.addEventListener) {
            wide.addEventListener("change", sync);
        } else if (wide.addListener) {
            wide.addListener(sync);
        }
        document.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && menu.open && !wide.matches) {
                menu.open = false;
                var toggle = menu.querySelector("summary");
                if (toggle) {
                    toggle.focus();
                }
            }
        });
        document.addEventListener("click", function (event) {
            if (menu.open && !wide.matches && !menu.contains(event.target)) {
                menu.open = false;
            }
        });
    }

    /* Forms that change something irreversible ask first (data-confirm). */
    document.addEventListener("submit", function (event) {
        var form = event.target;
        var question = form.getAttribute && form.getAttribute("data-confirm");
        if (question && !window.confirm(question)) {
            event.preventDefault();
        }
    });

    /* After a failed submission, take keyboard and screen reader users to the
       summary of what went wrong. */
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
        summary.focus();
    }
})();
