/* coursekit-generated sha256=f03e536faa146e8f61f90f9ebb54d74deba8be87146308fe658909b072e588a6 */
// Course data for the "My progress" page, written by `coursekit generate`. Do not edit.
window.coursekitCourse = {
 "assignments": [],
 "modules": [
  {
   "id": "alliance",
   "pages": [
    "modules/alliance.html",
    "exercises/alliance.html"
   ],
   "quiz": "alliance",
   "title": "The therapeutic alliance and relationship"
  },
  {
   "id": "therapist-factors",
   "pages": [
    "modules/therapist-factors.html",
    "exercises/therapist-factors.html"
   ],
   "quiz": "therapist-factors",
   "title": "Therapist factors"
  },
  {
   "id": "negative-effects",
   "pages": [
    "modules/negative-effects.html",
    "exercises/negative-effects.html"
   ],
   "quiz": "negative-effects",
   "title": "Negative effects of therapy"
  },
  {
   "id": "treatment-length",
   "pages": [
    "modules/treatment-length.html",
    "exercises/treatment-length.html"
   ],
   "quiz": "treatment-length",
   "title": "Treatment length and dose"
  },
  {
   "id": "what-works",
   "pages": [
    "modules/what-works.html",
    "exercises/what-works.html"
   ],
   "quiz": "what-works",
   "title": "What works - treatments and common factors"
  }
 ],
 "schema": "coursekit-progress",
 "version": 2
};
