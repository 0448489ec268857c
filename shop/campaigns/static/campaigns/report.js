/* The campaign report's chart: revenue and discount given per channel (our own copy of Chart.js). */
(function () {
    var canvas = document.getElementById("gk-campaign-chart");
    var data = document.getElementById("gk-campaign-data");
    if (!canvas || !data || typeof Chart === "undefined") { return; }
    var report = JSON.parse(data.textContent);
    var rupiah = new Intl.NumberFormat("id-ID", {maximumFractionDigits: 0});
    new Chart(canvas, {
        type: "bar",
        data: {
            labels: report.labels,
            datasets: [
                {label: report.revenueLabel, data: report.revenue, backgroundColor: "#2b3a67", borderRadius: 4},
                {label: report.discountLabel, data: report.discount, backgroundColor: "#c89b66", borderRadius: 4}
            ]
        },
        options: {
            indexAxis: "y", responsive: true, maintainAspectRatio: false, animation: false,
            plugins: {tooltip: {callbacks: {label: function (ctx) {
                return ctx.dataset.label + ": Rp " + rupiah.format(ctx.parsed.x);
            }}}},
            scales: {x: {beginAtZero: true, ticks: {maxTicksLimit: 4, callback: function (v) { return "Rp " + rupiah.format(v); }}}}
        }
    });
})();
