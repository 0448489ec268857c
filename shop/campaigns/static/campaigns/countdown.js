/* Campaign countdowns: the server renders the end time ("9 hari, 3 jam"); this ticks it
   every second (d hh:mm:ss) and removes the campaign's section once it has ended, so a page
   left open does not keep announcing a discount the basket no longer gives. No library. */
(function () {
    var sections = document.querySelectorAll("[data-campaign-ends]");
    if (!sections.length) { return; }
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    function tick() {
        var now = Date.now();
        sections.forEach(function (section) {
            var end = Date.parse(section.getAttribute("data-campaign-ends"));
            if (isNaN(end)) { return; }
            var left = Math.floor((end - now) / 1000);
            if (left < 0) { section.hidden = true; return; }
            section.querySelectorAll(".gk-countdown").forEach(function (el) {
                var days = Math.floor(left / 86400), rest = left % 86400;
                var clock = pad(Math.floor(rest / 3600)) + ":" + pad(Math.floor(rest % 3600 / 60)) + ":" + pad(rest % 60);
                el.textContent = (days ? days + " " + el.getAttribute("data-days-label") + " " : "") + clock;
            });
        });
    }
    tick();
    window.setInterval(tick, 1000);
})();
