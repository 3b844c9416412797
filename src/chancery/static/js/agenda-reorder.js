// Agenda editor: drag an item onto another item of the same kind to move it there. The keyboard
// way (the ↑/↓ buttons) stays; this submits the same move form with the target position.
(function () {
  "use strict";
  var rows = document.querySelectorAll("tr[data-item-kind]");
  var dragged = null;
  rows.forEach(function (row) {
    row.setAttribute("draggable", "true");
    row.addEventListener("dragstart", function (event) {
      dragged = row;
      row.classList.add("is-dragged");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", row.dataset.itemNumber);
    });
    row.addEventListener("dragend", function () {
      row.classList.remove("is-dragged");
      dragged = null;
    });
    row.addEventListener("dragover", function (event) {
      if (dragged && dragged !== row && dragged.dataset.itemKind === row.dataset.itemKind) {
        event.preventDefault();
        event.dataTransfer.dropEffect = "move";
      }
    });
    row.addEventListener("drop", function (event) {
      event.preventDefault();
      if (!dragged || dragged.dataset.itemKind !== row.dataset.itemKind) {
        return;
      }
      var form = dragged.querySelector("form.move-form");
      form.querySelector("input[name=to_number]").value = row.dataset.itemNumber;
      form.submit();
    });
  });
})();
