/* coursekit-generated sha256=4918eb0b38cc39ae7d1e173578c59b47e5cb772fa770b7cca29df2432d2a8b39 */
/* coursekit "My progress": records page visits, fills the progress page, exports progress as JSON.
   No network: everything is read from and written to this browser's localStorage. The export
   follows the schema documented in coursekit/supervision/progress.py ("coursekit-progress", version 2:
   version 1 had no "practice"). */
(function () {
  "use strict";
  var PREFIX = "coursekit:";
  var SCHEMA = "coursekit-progress";
  var VERSION = 2;  /* coursekit.model.PROGRESS_VERSION */
  var MAX_NAME = 100;
  var script = document.currentScript;
  var ROOT = script ? script.src.replace(/_static\/coursekit-progress\.js(\?.*)?$/, "") : "";

  function load(key) {
    try { return JSON.parse(window.localStorage.getItem(PREFIX + key)) || {}; }
    catch (e) { return {}; }
  }
  function save(key, value) {
    try { window.localStorage.setItem(PREFIX + key, JSON.stringify(value)); }
    catch (e) { /* storage full or disabled: nothing is recorded, the page still works */ }
  }
  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  /* The page's path from the site root, e.g. "modules/alliance.html". */
  function pagePath() {
    var here = window.location.href.split("#")[0].split("?")[0];
    var path = ROOT && here.indexOf(ROOT) === 0 ? here.slice(ROOT.length) : window.location.pathname;
    if (path === "" || path.charAt(path.length - 1) === "/") { path += "index.html"; }
    try { return decodeURIComponent(path); } catch (e) { return path; }
  }

  function recordVisit() {
    var visits = load("visits");
    var path = pagePath();
    var now = new Date().toISOString();
    var visit = has(visits, path) && typeof visits[path] === "object" ? visits[path] : { count: 0, first: now };
    visit.count = (Number(visit.count) || 0) + 1;
    visit.last = now;
    visits[path] = visit;
    save("visits", visits);
  }

  /* Everything stored under one prefix, e.g. all "coursekit:quiz:<id>" records. */
  function stored(kind) {
    var found = {};
    var start = PREFIX + kind + ":";
    for (var i = 0; i < window.localStorage.length; i += 1) {
      var key = window.localStorage.key(i);
      if (key && key.indexOf(start) === 0) { found[key.slice(start.length)] = load(key.slice(PREFIX.length)); }
    }
    return found;
  }

  function reflections() {
    var all = stored("reflection");
    var written = {};
    Object.keys(all).forEach(function (id) {
      if (typeof all[id].text === "string" && all[id].text.trim()) { written[id] = { text: all[id].text }; }
    });
    return written;
  }

  /* An answer from the preferred quiz, else from any quiz that asks the same question. */
  function answerFor(quizzes, questionId, preferred) {
    if (has(quizzes, preferred) && has(quizzes[preferred], questionId)) { return quizzes[preferred][questionId]; }
    var ids = Object.keys(quizzes).sort();
    for (var i = 0; i < ids.length; i += 1) {
      if (has(quizzes[ids[i]], questionId)) { return quizzes[ids[i]][questionId]; }
    }
    return null;
  }

  /* The same counts as `coursekit progress report` (see progress.py). */
  function assignmentSummary(assignment, quizzes, written, visits) {
    var answered = 0, correct = 0, done = 0, total = 0, reflected = 0;
    assignment.readings.forEach(function (reading) {
      var all = true;
      reading.questions.forEach(function (questionId) {
        var answer = answerFor(quizzes, questionId, assignment.quiz);
        total += 1;
        if (answer) { answered += 1; if (answer.correct) { correct += 1; } } else { all = false; }
      });
      if (reading.questions.length ? all : has(visits, reading.page)) { done += 1; }
    });
    assignment.prompts.forEach(function (promptId) { if (has(written, promptId)) { reflected += 1; } });
    return { answered: answered, correct: correct, questions: total, done: done, reflected: reflected };
  }

  function dueText(due) {
    var today = new Date();
    var todayUtc = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
    var parts = due.split("-");
    var days = Math.round((Date.UTC(+parts[0], +parts[1] - 1, +parts[2]) - todayUtc) / 86400000);
    if (days === 0) { return "due " + due + " (today)"; }
    return days > 0 ? "due " + due + " (in " + days + " days)" : "due " + due + " (" + -days + " days ago)";
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }
  function link(path, text) {
    var anchor = element("a", text);
    anchor.href = ROOT + path;
    return anchor;
  }
  function plural(count, word) { return count + " " + word + (count === 1 ? "" : "s"); }

  function assignmentsSection(course, quizzes, written, visits) {
    var section = element("section", null, "ck-progress-assignments");
    section.appendChild(element("h2", "Assignments"));
    if (!course.assignments.length) {
      section.appendChild(element("p", "No assignments have been set in this course yet."));
      return section;
    }
    var list = element("ul");
    course.assignments.forEach(function (assignment) {
      var s = assignmentSummary(assignment, quizzes, written, visits);
      var item = element("li", null, "ck-progress-assignment");
      item.setAttribute("data-assignment", assignment.slug);
      item.appendChild(link(assignment.page, assignment.title));
      item.appendChild(document.createTextNode(" for " + assignment.to.join(", ") + ", " + dueText(assignment.due) + ". "));
      item.appendChild(element("span", "Readings done: " + s.done + " of " + assignment.readings.length +
        ". Quiz: " + s.correct + " correct of " + s.answered + " answered (" + s.questions + " questions)." +
        " Reflections: " + s.reflected + " of " + assignment.prompts.length + ".", "ck-progress-counts"));
      list.appendChild(item);
    });
    section.appendChild(list);
    return section;
  }

  function modulesSection(course, quizzes, practice, visits) {
    var section = element("section", null, "ck-progress-modules");
    section.appendChild(element("h2", "Modules"));
    var list = element("ul");
    course.modules.forEach(function (module) {
      var seen = module.pages.some(function (page) { return has(visits, page); });
      var answers = has(quizzes, module.quiz) ? quizzes[module.quiz] : {};
      var ids = Object.keys(answers);
      var right = ids.filter(function (id) { return answers[id] && answers[id].correct; }).length;
      var item = element("li", null, seen ? "ck-visited" : "ck-not-visited");
      item.appendChild(link(module.pages[0], module.title));
      item.appendChild(document.createTextNode(seen ? ": visited. " : ": not visited yet. "));
      item.appendChild(document.createTextNode(ids.length ? "Quiz: " + right + " correct of " + ids.length + " answered."
                                                          : "Quiz not started."));
      var sets = has(practice, module.quiz) ? Number(practice[module.quiz].sets) || 0 : 0;
      if (sets) { item.appendChild(document.createTextNode(" Practice sets: " + sets + ".")); }
      list.appendChild(item);
    });
    section.appendChild(list);
    return section;
  }

  function reflectionsSection(written) {
    var section = element("section", null, "ck-progress-reflections");
    section.appendChild(element("h2", "Reflections"));
    var count = Object.keys(written).length;
    section.appendChild(element("p", count ? "You have written " + plural(count, "reflection") + " in this browser."
                                           : "You have not written any reflections yet."));
    return section;
  }

  function showProgress(container) {
    var course = window.coursekitCourse || { modules: [], assignments: [] };
    var quizzes = stored("quiz"), written = reflections(), visits = load("visits");
    container.textContent = "";
    container.appendChild(assignmentsSection(course, quizzes, written, visits));
    container.appendChild(modulesSection(course, quizzes, stored("practice"), visits));
    container.appendChild(reflectionsSection(written));
  }

  function snapshot(name) {
    return {
      schema: SCHEMA, version: VERSION, trainee: name, exported: new Date().toISOString(),
      quizzes: stored("quiz"), practice: stored("practice"), reflections: reflections(), visits: load("visits")
    };
  }

  function fileName(name) {
    var slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "trainee";
    return "coursekit-progress-" + slug + "-" + new Date().toISOString().slice(0, 10) + ".json";
  }

  function exportProgress(input, status) {
    var name = input.value.replace(/\s+/g, " ").trim().slice(0, MAX_NAME);
    if (!name) {
      status.textContent = "Type your name first, so your supervisor knows whose progress this is.";
      input.focus();
      return;
    }
    save("trainee", { name: name });
    var blob = new Blob([JSON.stringify(snapshot(name), null, 1)], { type: "application/json" });
    var anchor = element("a");
    anchor.href = URL.createObjectURL(blob);
    anchor.download = fileName(name);
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    window.setTimeout(function () { URL.revokeObjectURL(anchor.href); }, 10000);
    status.textContent = "Saved " + anchor.download + " to your downloads. Send it to your supervisor.";
  }

  function setUpExport() {
    var input = document.getElementById("ck-trainee");
    var button = document.getElementById("ck-export-button");
    var status = document.getElementById("ck-export-status");
    if (!input || !button || !status) { return; }
    input.value = load("trainee").name || "";
    button.addEventListener("click", function () { exportProgress(input, status); });
  }

  function start() {
    recordVisit();
    var container = document.getElementById("ck-progress");
    if (container) { showProgress(container); }
    setUpExport();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
