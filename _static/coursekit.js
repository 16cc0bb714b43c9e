/* coursekit-generated sha256=7d241082beb2320e549d604d1c630ccf80c574c19108765ea03d144336eda0be */
/* coursekit static quizzes, practice sets and reflections: no kernel, no network, answers kept in localStorage. */
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
  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  /* --- Practice sets: mix32, seededShuffle, practiceHistory and practiceSet repeat, step for step, the
     functions of the same names in coursekit/content/quiz.py (a browser test runs both on the same inputs). */
  function mix32(value) {
    var h = value >>> 0;
    h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  }
  function seededShuffle(items, seed) {
    var state = mix32(seed) || 1;
    var shuffled = items.slice();
    for (var i = shuffled.length - 1; i > 0; i -= 1) {
      state ^= state << 13; state ^= state >>> 17; state ^= state << 5; state >>>= 0;
      var j = state % (i + 1);
      var kept = shuffled[i]; shuffled[i] = shuffled[j]; shuffled[j] = kept;
    }
    return shuffled;
  }
  /* question id -> the set in which its latest answer was wrong, or null when that answer was right. */
  function practiceHistory(correct, wrongSets) {
    var history = {};
    Object.keys(correct).forEach(function (id) {
      history[id] = correct[id] ? null : (has(wrongSets, id) ? wrongSets[id] : 0);
    });
    return history;
  }
  /* The next set's question ids: due again (wrong, longest waiting first), then never answered, then the rest. */
  function practiceSet(ids, history, n, seed) {
    var ranked = seededShuffle(ids, seed).map(function (id, index) {
      if (!has(history, id)) { return [1, 0, index, id]; }
      return history[id] === null ? [2, 0, index, id] : [0, history[id], index, id];
    });
    ranked.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
    return ranked.slice(0, Math.max(0, n)).map(function (rank) { return rank[3]; });
  }
  window.coursekitPractice = { practiceSet: practiceSet, practiceHistory: practiceHistory };

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

  function updateScore(quiz, ids, answers) {
    var answered = 0, right = 0;
    ids.forEach(function (id) {
      if (has(answers, id)) {
        answered += 1;
        if (answers[id].correct) { right += 1; }
      }
    });
    var text = answered + " of " + ids.length + " answered.";
    if (answered) { text += " Score: " + right + " of " + answered + " correct."; }
    quiz.querySelector(".ck-quiz-score").textContent = text;
  }

  /* The bank's question ids in order, each one's reading (entry id) and, in a bank loaded per reading,
     its reading's section: from the questions on the page, or from each section's list of ids. */
  function bankOf(quiz) {
    var bank = { ids: [], readingOf: {}, groupOf: {} };
    function add(id, group) {
      bank.ids.push(id);
      bank.readingOf[id] = group ? group.getAttribute("data-entry-id") : "";
      bank.groupOf[id] = group;
    }
    quiz.querySelectorAll(".ck-question, .ck-group[data-question-ids]").forEach(function (node) {
      if (node.classList.contains("ck-question")) { add(node.getAttribute("data-question-id"), node.closest(".ck-group")); }
      else { JSON.parse(node.getAttribute("data-question-ids")).forEach(function (id) { add(id, node); }); }
    });
    return bank;
  }

  /* A bank loaded per reading (quiz.bank_files): each reading's file, run by a <script> element (fetch
     fails on file://), hands its questions' markup to coursekitBankFile; the element's load event takes it. */
  var bankFiles = {};
  window.coursekitBankFile = function (quizId, reading, markup) { bankFiles[quizId + "/" + reading] = markup; };

  /* ensure(sections, done): load the sections' questions (once each), call onLoaded(section) for each
     one loaded, then done(). Opening a section loads it too. */
  function readingLoader(quiz, onLoaded) {
    var quizId = quiz.getAttribute("data-quiz-id"), folder = quiz.getAttribute("data-bank-files");
    var waiting = {};  /* reading number -> callbacks while its file loads */

    function loadReading(group, done) {
      var n = group.getAttribute("data-reading");
      if (group.hasAttribute("data-loaded")) { done(); return; }
      if (has(waiting, n)) { waiting[n].push(done); return; }
      waiting[n] = [done];
      var status = group.querySelector(".ck-loading");
      status.textContent = "Loading the questions of this reading.";
      var script = document.createElement("script");
      script.src = folder + n + ".mjs";
      script.onload = script.onerror = function () {
        var markup = bankFiles[quizId + "/" + n];
        delete bankFiles[quizId + "/" + n];
        script.remove();
        if (typeof markup === "string") {
          var template = document.createElement("template");
          template.innerHTML = markup;
          status.remove();
          group.appendChild(template.content);
          group.setAttribute("data-loaded", "");
          onLoaded(group);
        } else {
          status.textContent = "The questions of this reading could not be loaded (" + script.src + ").";
        }
        var callbacks = waiting[n];
        delete waiting[n];
        callbacks.forEach(function (callback) { callback(); });
      };
      document.head.appendChild(script);
    }

    quiz.querySelectorAll(".ck-group[data-reading]").forEach(function (group) {
      group.addEventListener("toggle", function () { if (group.open) { loadReading(group, function () {}); } });
    });
    return function ensure(groups, done) {
      var unique = groups.filter(function (group, index) { return group && groups.indexOf(group) === index; });
      var pending = unique.length;
      if (!pending) { done(); return; }
      unique.forEach(function (group) {
        loadReading(group, function () { pending -= 1; if (!pending) { done(); } });
      });
    };
  }

  function setUpQuiz(quiz) {
    var quizId = quiz.getAttribute("data-quiz-id");
    var key = "quiz:" + quizId;
    var answers = load(key);
    var bank = bankOf(quiz);
    var byId = {};  /* question id -> its element in the bank, once on the page */
    var quizState = {
      ids: bank.ids,
      readingOf: bank.readingOf,
      element: function (id) { return byId[id]; },
      answers: function () { return answers; },
      onAnswer: function () {},
      record: function (id, option, correct, text) {
        answers[id] = { option: option, correct: correct, text: text };
        save(key, answers);
        if (byId[id]) { showAnswer(byId[id], option); }
        updateScore(quiz, bank.ids, answers);
        quizState.onAnswer(id, correct);
      }
    };
    function addQuestion(question) {
      var id = question.getAttribute("data-question-id");
      byId[id] = question;
      if (has(answers, id)) { showAnswer(question, answers[id].option); }
      question.querySelectorAll(".ck-option").forEach(function (button) {
        button.addEventListener("click", function () {
          var option = Number(button.getAttribute("data-option"));
          quizState.record(id, option, showAnswer(question, option), button.textContent);
        });
      });
    }
    quiz.querySelectorAll(".ck-question").forEach(addQuestion);
    var ensure = readingLoader(quiz, function (group) { group.querySelectorAll(".ck-question").forEach(addQuestion); });
    /* when(ids, done): done() once the questions' markup is on the page (or could not be loaded). */
    quizState.when = function (ids, done) {
      ensure(ids.filter(function (id) { return !has(byId, id); }).map(function (id) { return bank.groupOf[id]; }), done);
    };
    var practice = quiz.querySelector(".ck-practice");
    var restart = practice ? setUpPractice(quiz, practice, quizState) : function () {};
    quiz.querySelector(".ck-reset").addEventListener("click", function () {
      answers = {};
      save(key, answers);
      Object.keys(byId).forEach(function (id) { clearAnswer(byId[id]); });
      updateScore(quiz, bank.ids, answers);
      restart();
    });
    updateScore(quiz, bank.ids, answers);
  }

  /* The practice set: stored under "coursekit:practice:<quizId>" as {seed, sets, wrong, current}, where
     wrong maps a question to the set in which it was last answered wrongly and current is the latest set:
     {reading: "" (mixed) or an entry id, questions: [ids in the order asked], results: [true/false so far]}.
     Its questions are copies of the bank's, which a bank loaded per reading loads as the set needs them. */
  function setUpPractice(quiz, section, quizState) {
    var key = "practice:" + quiz.getAttribute("data-quiz-id");
    var size = Number(quiz.getAttribute("data-set-size")) || 10;
    var reading = section.querySelector(".ck-set-reading");
    var newSet = section.querySelector(".ck-new-set");
    var next = section.querySelector(".ck-set-next");
    var slot = section.querySelector(".ck-set-slot");
    var progress = section.querySelector(".ck-set-progress");
    var score = section.querySelector(".ck-set-score");
    var state = storedPractice(load(key), quizState.ids);

    function draw() {
      var ids = quizState.ids.filter(function (id) {
        return !reading.value || quizState.readingOf[id] === reading.value;
      });
      var answers = quizState.answers(), correct = {};
      Object.keys(answers).forEach(function (id) { correct[id] = Boolean(answers[id].correct); });
      state.sets += 1;
      state.current = { reading: reading.value, results: [],
                        questions: practiceSet(ids, practiceHistory(correct, state.wrong), size,
                                               (state.seed + state.sets) >>> 0) };
      save(key, state);
    }

    /* Show the set's next question (or its score), then call then(), once its markup is on the page. */
    function render(then) {
      var current = state.current, at = current.results.length, total = current.questions.length;
      slot.textContent = "";
      score.textContent = "";
      next.hidden = true;
      if (at >= total) {
        var right = current.results.filter(Boolean).length;
        progress.textContent = "Set " + state.sets + " done.";
        score.textContent = right + " of " + total + " correct." + (right < total ? " The " +
          (total - right === 1 ? "question" : (total - right) + " questions") +
          " you missed come back first in your next set." : "");
        if (then) { then(); }
        return;
      }
      progress.textContent = "Set " + state.sets + ", question " + (at + 1) + " of " + total + ".";
      quizState.when(current.questions.slice(at), function () {
        if (state.current !== current || current.results.length !== at) { return; }  /* shown since */
        slot.textContent = "";
        slot.appendChild(setQuestion(current.questions[at], at + 1));
        if (then) { then(); }
      });
    }

    function setQuestion(id, number) {
      var original = quizState.element(id);
      if (!original) {
        var missing = document.createElement("p");
        missing.textContent = "This question could not be loaded. Start a new set, or try again later.";
        return missing;
      }
      var question = original.cloneNode(true);
      question.classList.add("ck-set-question");
      clearAnswer(question);
      var stem = question.querySelector(".ck-stem");
      stem.id = "ck-set-stem-" + id;
      question.setAttribute("aria-labelledby", stem.id);
      question.querySelector(".ck-number").textContent = number + ".";
      question.querySelectorAll(".ck-option").forEach(function (button) {
        button.addEventListener("click", function () { answer(question, id, button); });
      });
      return question;
    }

    function answer(question, id, button) {
      var current = state.current;
      if (current.questions[current.results.length] !== id) { return; }  /* answered already */
      var option = Number(button.getAttribute("data-option"));
      var correct = showAnswer(question, option);
      current.results.push(correct);
      quizState.record(id, option, correct, button.textContent);
      next.textContent = current.results.length < current.questions.length ? "Next question" : "See my score";
      next.hidden = false;
      next.focus();
    }

    quizState.onAnswer = function (id, correct) {
      if (!correct) { state.wrong[id] = state.sets; }
      save(key, state);
    };
    next.addEventListener("click", function () {
      render(function () {
        var first = slot.querySelector(".ck-option");
        (first || newSet).focus();
      });
    });
    newSet.addEventListener("click", function () {
      draw();
      render(function () {
        var first = slot.querySelector(".ck-option");
        if (first) { first.focus(); }
      });
    });
    if (!state.current) { draw(); }
    reading.value = state.current.reading;
    section.hidden = false;
    render();
    return function restart() { state.wrong = {}; draw(); render(); };
  }

  /* The stored practice record, with anything unusable (a set asking questions no longer in the bank,
     say) replaced: a fresh random seed, no sets yet, or no current set. */
  function storedPractice(stored, ids) {
    var state = {
      seed: typeof stored.seed === "number" ? stored.seed >>> 0 : Math.floor(Math.random() * 4294967296),
      sets: typeof stored.sets === "number" && stored.sets >= 0 ? Math.floor(stored.sets) : 0,
      wrong: stored.wrong && typeof stored.wrong === "object" ? stored.wrong : {},
      current: null
    };
    var known = {};
    ids.forEach(function (id) { known[id] = true; });
    var current = stored.current;
    if (current && Array.isArray(current.questions) && Array.isArray(current.results) &&
        typeof current.reading === "string" && current.results.length <= current.questions.length &&
        current.questions.length && current.questions.every(function (id) { return has(known, id); })) {
      state.current = { reading: current.reading, questions: current.questions, results: current.results };
    }
    return state;
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
