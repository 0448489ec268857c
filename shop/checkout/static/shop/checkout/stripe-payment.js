// Card payment with Stripe.js: the Card Element collects the card and
// stripe.confirmCardPayment confirms the PaymentIntent whose client secret the
// form carries. Whatever happens, the buyer then lands on our return view,
// which asks Stripe for the truth and explains it in their language.
(function () {
  "use strict";
  var form = document.getElementById("payment-form");
  if (!form || typeof Stripe === "undefined") { return; }

  var clientSecret = form.dataset.clientSecret;
  var stripe = Stripe(form.dataset.publishableKey, { locale: form.dataset.locale || "auto" });
  var elements = stripe.elements();
  var card = elements.create("card", { hidePostalCode: true });
  card.mount("#card-element");

  var errors = document.getElementById("card-errors");
  var button = document.getElementById("pay-button");

  function showError(message) {
    errors.textContent = message;
    button.disabled = false;
  }

  function csrfToken() {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  // localstripe's drop-in Stripe.js only performs the 3-D Secure step in
  // confirmCardPayment and never sends the card: on the local server we
  // tokenise the card and let our server attach and confirm it first.
  async function confirmOnLocalServer() {
    var tokenResult = await stripe.createToken(card);
    if (tokenResult.error || !tokenResult.token) {
      return { error: tokenResult.error || {} };
    }
    var response = await fetch(form.dataset.localConfirmUrl, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-CSRFToken": csrfToken()
      },
      credentials: "same-origin",
      body: "payment_method=" + encodeURIComponent(tokenResult.token.card.id)
    });
    var body = await response.json().catch(function () { return {}; });
    if (body.status === "requires_action") {
      return stripe.confirmCardPayment(clientSecret);
    }
    return { status: body.status };
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    button.disabled = true;
    errors.textContent = "";
    var result;
    try {
      if (form.dataset.localConfirmUrl) {
        result = await confirmOnLocalServer();
      } else {
        result = await stripe.confirmCardPayment(clientSecret, { payment_method: { card: card } });
      }
    } catch (err) {
      showError(form.dataset.msgNetwork);
      return;
    }
    if (result && result.error && result.error.type === "validation_error") {
      // Incomplete card number and the like: nothing was sent to the bank.
      showError(result.error.message || form.dataset.msgCardIncomplete);
      return;
    }
    window.location.assign(form.dataset.returnUrl);
  });
})();
