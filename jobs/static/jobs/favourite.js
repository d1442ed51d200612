// 收藏 / 已收藏 in place. Each button is a real form (jobs/includes/favourite_button.html)
// that works without JavaScript and comes back to the page; here its submit goes to
// PUT or DELETE /api/v1/me/favourites/{job_id} instead and the button flips, with
// aria-pressed, without a reload. When the API refuses (signed out, expired, gone) or
// does not answer, the form is sent as usual and the server shows what happened.
// Loaded by every page with job cards; one listener serves all of them.
(function () {
  "use strict";
  if (window.jinguoFavourites || !window.fetch || !document.addEventListener) return;
  window.jinguoFavourites = true;

  function setState(form, saved) {
    var button = form.querySelector(".favourite-button");
    var label = form.querySelector(".favourite-button__label");
    form.elements.change.value = saved ? "remove" : "add";
    button.setAttribute("aria-pressed", saved ? "true" : "false");
    button.title = saved ? form.dataset.titleSaved : form.dataset.titleAdd;
    label.textContent = saved ? form.dataset.labelSaved : form.dataset.labelAdd;
    // The same job may show twice on a page (the job and a similar one): keep both right.
    Array.prototype.forEach.call(document.querySelectorAll(".favourite-form"), function (other) {
      if (other !== form && other.dataset.apiUrl === form.dataset.apiUrl && other.elements.change.value !== form.elements.change.value) {
        setState(other, saved);
      }
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("favourite-form") || !form.dataset.apiUrl) return;
    event.preventDefault();
    var button = form.querySelector(".favourite-button");
    if (button.getAttribute("aria-busy") === "true") return;
    var adding = form.elements.change.value !== "remove";
    button.setAttribute("aria-busy", "true");
    fetch(form.dataset.apiUrl, {
      method: adding ? "PUT" : "DELETE",
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": form.elements.csrfmiddlewaretoken.value },
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        setState(form, adding);
      })
      .catch(function () {
        form.submit(); // the page's own answer: the login, the 404 or 410 page, or success
      })
      .then(function () {
        button.removeAttribute("aria-busy");
      });
  });
})();
