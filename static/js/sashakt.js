// Sashakt's only script of its own (the Content-Security-Policy allows no inline script).
// A select marked data-autosubmit sends its form as soon as it changes.
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches && field.matches("[data-autosubmit]") && field.form) {
    field.form.requestSubmit ? field.form.requestSubmit() : field.form.submit();
  }
});
