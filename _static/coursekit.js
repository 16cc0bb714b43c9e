/* coursekit-generated sha256=0deb6c2920a8dfd7afeb0044ab8bb14cb9dbf76163cd5ba0fa405759a64d740e */
/* coursekit static quizzes and reflections: no kernel, no network, answers kept in localStorage. */
(function () {
  "use strict";
  var PREFIX = "coursekit:";

  function load(key) {
    try { return JSON.parse(window.localStorage.getItem(PREFIX + key)) || {}; }
    catch (e) { return {}; }
  }
  function save(key, value) {
    try { window.localStorage.setItem(PREFIX + key, JSON.stringify(value)); }
    catch (e) { /* storage full or disabled: the quiz still works for this visit */ }
  }

  function showAnswer(question, chosen) {
    var buttons = question.querySelectorAll(".ck-option");
    var right = false;
    buttons.forEach(function (button) {
      var isChosen = button.getAttribute("data-option") === String(chosen);
      button.setAttribute("aria-pressed", isChosen ? "true" : "false");
      button.classList.toggle("ck-chosen", isChosen);
      button.classList.toggle("ck-correct", button.hasAttribute("data-correct"));
      if (isChosen && button.hasAttribute("data-correct")) { right = true; }
    });
    var template = question.querySelector("template.ck-explanation");
    var feedback = question.querySelector(".ck-feedback");
    feedback.textContent = "";
    feedback.appendChild(template.content.cloneNode(true));
    feedback.querySelector(".ck-verdict").textContent = right ? "Correct." : "Not quite.";
    question.classList.toggle("ck-right", right);
    question.classList.toggle("ck-wrong", !right);
    question.classList.add("ck-answered");
    return right;
  }

  function clearAnswer(question) {
    question.querySelectorAll(".ck-option").forEach(function (button) {
      button.setAttribute("aria-pressed", "false");
      button.classList.remove("ck-chosen", "ck-correct");
    });
    question.querySelector(".ck-feedback").textContent = "";
    question.classList.remove("ck-right", "ck-wrong", "ck-answered");
  }

  function updateScore(quiz, answers) {
    var questions = quiz.querySelectorAll(".ck-question");
    var answered = 0, right = 0;
    questions.forEach(function (question) {
      var id = question.getAttribute("data-question-id");
      if (Object.prototype.hasOwnProperty.call(answers, id)) {
        answered += 1;
        if (answers[id].correct) { right += 1; }
      }
    });
    var text = answered + " of " + questions.length + " answered.";
    if (answered) { text += " Score: " + right + " of " + answered + " correct."; }
    quiz.querySelector(".ck-quiz-score").textContent = text;
  }

  function setUpQuiz(quiz) {
    var key = "quiz:" + quiz.getAttribute("data-quiz-id");
    var answers = load(key);
    quiz.querySelectorAll(".ck-question").forEach(function (question) {
      var id = question.getAttribute("data-question-id");
      if (Object.prototype.hasOwnProperty.call(answers, id)) { showAnswer(question, answers[id].option); }
      question.querySelectorAll(".ck-option").forEach(function (button) {
        button.addEventListener("click", function () {
          var option = Number(button.getAttribute("data-option"));
          var correct = showAnswer(question, option);
          answers[id] = { option: option, correct: correct, text: button.textContent };
          save(key, answers);
          updateScore(quiz, answers);
        });
      });
    });
    quiz.querySelector(".ck-reset").addEventListener("click", function () {
      answers = {};
      save(key, answers);
      quiz.querySelectorAll(".ck-question").forEach(clearAnswer);
      updateScore(quiz, answers);
    });
    updateScore(quiz, answers);
  }

  function setUpReflection(box) {
    var key = "reflection:" + box.getAttribute("data-prompt-id");
    var area = box.querySelector("textarea");
    var status = box.querySelector(".ck-saved");
    area.value = load(key).text || "";
    area.addEventListener("input", function () {
      save(key, { text: area.value });
      status.textContent = area.value ? "Saved in this browser." : "";
    });
  }

  function start() {
    document.querySelectorAll(".ck-quiz").forEach(setUpQuiz);
    document.querySelectorAll(".ck-reflection").forEach(setUpReflection);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
