// Suggestions for the job search box. Without JavaScript the page still works:
// the server fills the list for the last query, and the form submits as usual.
(function () {
  var input = document.getElementById("job-q");
  var list = document.getElementById("job-suggestions");
  if (!input || !list || !window.fetch) return;
  var timer = null;
  var last = "";
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var query = input.value.trim();
      if (!query || query === last) return;
      last = query;
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) {
          list.replaceChildren.apply(list, (data.suggestions || []).map(function (title) {
            var option = document.createElement("option");
            option.value = title;
            return option;
          }));
        })
        .catch(function () { /* suggestions are a convenience; searching still works */ });
    }, 200);
  });
})();
