/* 参与 Canyu — "download my data" while the file is prepared: show the
   progress without reloading the page (a meta refresh would move a screen
   reader's or magnifier's place every few seconds). Without this script the
   page's "Refresh" link reloads it. */
(function () {
    "use strict";

    var ACTIVE = ["pending", "running"];
    var status = document.querySelector("[data-export-status]");
    var announce = document.querySelector("[data-export-announce]");
    if (!status || !window.fetch || !window.DOMParser) {
        return;
    }
    var seconds = parseInt(status.getAttribute("data-refresh"), 10) || 3;
    var timer = null;

    function schedule() {
        window.clearTimeout(timer);
        timer = null;
        if (!document.hidden) {
            timer = window.setTimeout(update, seconds * 1000);
        }
    }

    function update() {
        timer = null;
        window.fetch(window.location.href, {
            credentials: "same-origin",
            cache: "no-store"
        }).then(function (response) {
            if (!response.ok) {
                throw new Error(response.status);
            }
            return response.text();
        }).then(function (html) {
            var page = new window.DOMParser().parseFromString(html, "text/html");
            var fresh = page.querySelector("[data-export-status]");
            if (!fresh) {
                return schedule();
            }
            var before = status.getAttribute("data-export-status");
            var after = fresh.getAttribute("data-export-status");
            status.replaceWith(fresh);
            status = fresh;
            /* Only a change of status is announced, not each percent. */
            if (after !== before && announce) {
                var badge = fresh.querySelector(".badge");
                announce.textContent = badge ? badge.textContent : "";
            }
            if (ACTIVE.indexOf(after) !== -1) {
                schedule();
            }
        }).catch(function () {
            /* Offline or signed out: try again in a while. */
            window.clearTimeout(timer);
            timer = window.setTimeout(update, 30000);
        });
    }

    document.addEventListener("visibilitychange", function () {
        if (document.hidden) {
            window.clearTimeout(timer);
            timer = null;
        } else if (ACTIVE.indexOf(status.getAttribute("data-export-status")) !== -1) {
            update();
        }
    });

    schedule();
})();
