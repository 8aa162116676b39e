/* 参与 Canyu — the organiser's check-in code page: show each new code as it
   rotates, without reloading the page (a meta refresh would move a screen
   reader's or magnifier's place every minute). Without this script the page's
   "Refresh" link reloads it. The codes' validity is the server's: this only asks
   for the current one. */
(function () {
    "use strict";

    var box = document.querySelector("[data-checkin-code]");
    var status = document.querySelector("[data-checkin-status]");
    if (!box || !window.fetch) {
        return;
    }
    var source = box.getAttribute("data-checkin-code");
    var renewed = box.getAttribute("data-renewed");
    var timer = null;

    function currentUrl() {
        var link = box.querySelector("[data-checkin-url]");
        return link ? link.getAttribute("href") : "";
    }

    function schedule(seconds) {
        window.clearTimeout(timer);
        timer = null;
        if (!document.hidden) {
            timer = window.setTimeout(update, Math.max(seconds, 1) * 1000);
        }
    }

    function update() {
        timer = null;
        window.fetch(source, {
            credentials: "same-origin",
            headers: {"Accept": "application/json"},
            cache: "no-store"
        }).then(function (response) {
            if (!response.ok) {
                throw new Error(response.status);
            }
            return response.json();
        }).then(function (data) {
            if (data.url !== currentUrl()) {
                box.innerHTML = data.html;
                /* Only the essential change is announced, not the code. */
                if (status) {
                    /* Emptied first, so that the same words are read again. */
                    status.textContent = "";
                    window.setTimeout(function () {
                        status.textContent = renewed;
                    }, 100);
                }
            }
            schedule(data.refresh);
        }).catch(function () {
            /* Signed out, offline …: try again in a while; the Refresh link
               stays. */
            schedule(30);
        });
    }

    /* A hidden tab asks for nothing; back in view, it shows the current code at
       once. */
    document.addEventListener("visibilitychange", function () {
        if (document.hidden) {
            window.clearTimeout(timer);
            timer = null;
        } else {
            update();
        }
    });

    schedule(parseInt(box.getAttribute("data-refresh"), 10) || 60);
})();
