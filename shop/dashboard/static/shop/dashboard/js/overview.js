/* The artisan overview's sales chart: one bar per channel, drawn with our own copy of Chart.js. */
(function () {
    var canvas = document.getElementById("gk-sales-chart");
    var data = document.getElementById("gk-sales-data");
    if (!canvas || !data || typeof Chart === "undefined") { return; }
    var sales = JSON.parse(data.textContent);
    var lang = document.documentElement.lang || "id";
    var rupiah = new Intl.NumberFormat("id-ID", {maximumFractionDigits: 0});
    // Channel names run long ("Tokopedia & Shop Galeri Kriya (demo)"): on a phone the label
    // column would crop them, so they break between words into lines of about 16 characters.
    function wrap(label) {
        var lines = [], line = "";
        label.split(" ").forEach(function (word) {
            if (line && (line + " " + word).length > 16) { lines.push(line); line = word; }
            else { line = line ? line + " " + word : word; }
        });
        if (line) { lines.push(line); }
        return lines;
    }
    new Chart(canvas, {
        type: "bar",
        data: {
            labels: sales.labels.map(wrap),
            datasets: [{
                data: sales.revenue,
                backgroundColor: ["#2b3a67", "#8a5a2b", "#c89b66", "#3f6b3a", "#6b625a", "#1e2a4d"],
                borderRadius: 4
            }]
        },
        options: {
            indexAxis: "y",
            responsive: true,
            maintainAspectRatio: false,
            animation: false,
            plugins: {
                legend: {display: false},
                tooltip: {callbacks: {label: function (ctx) { return "Rp " + rupiah.format(ctx.parsed.x); }}}
            },
            scales: {
                x: {beginAtZero: true, ticks: {maxTicksLimit: 4, callback: function (v) { return "Rp " + rupiah.format(v); }}},
                y: {ticks: {autoSkip: false}}
            },
            locale: lang
        }
    });
})();
