// Keep the shipping and order totals in step with the courier chosen for each parcel.
(function () {
  var form = document.getElementById("rates-form");
  var shippingOut = document.getElementById("rates-shipping-total");
  var totalOut = document.getElementById("rates-order-total");
  if (!form || !shippingOut || !totalOut) { return; }
  var sample = form.getAttribute("data-currency-format"); // e.g. "Rp 0"
  function money(amount) {
    var grouped = Math.round(amount).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    return sample.replace("0", grouped);
  }
  function update() {
    var shipping = 0;
    form.querySelectorAll(".rates-parcel").forEach(function (parcel) {
      var chosen = parcel.querySelector("input[type=radio]:checked");
      if (chosen) {
        shipping += Number(chosen.getAttribute("data-price")) + Number(parcel.getAttribute("data-packing-fee") || 0);
      }
    });
    shippingOut.textContent = money(shipping);
    totalOut.textContent = money(Number(totalOut.getAttribute("data-goods")) + shipping);
  }
  form.addEventListener("change", update);
})();
