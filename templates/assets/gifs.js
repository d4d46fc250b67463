// GIFs (X serves them as silent, looping MP4s) play as on X, while in view, but only when the
// visitor's system allows motion. Then the GIF badge becomes a button that pauses and plays
// it again, as anything that moves for longer than five seconds must (WCAG 2.2.2). Otherwise,
// and without this script, each keeps the browser's own controls and waits to be played.

const motion = matchMedia("(prefers-reduced-motion: no-preference)");
/** The GIFs the visitor paused, which scrolling back into view does not start again. */
const stopped = new WeakSet();
const inView = new IntersectionObserver(
  (entries) => {
    for (const { target, isIntersecting } of entries) {
      if (isIntersecting && !stopped.has(target)) target.play().catch(() => {});
      else target.pause();
    }
  },
  { threshold: 0.5 },
);

if (motion.matches) for (const video of document.querySelectorAll("video.tweet-gif")) loop(video);

function loop(video) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "gif-badge";
  button.textContent = "GIF";
  const label = () => button.setAttribute("aria-label", video.paused ? "Play GIF" : "Pause GIF");
  const toggle = () => {
    if (video.paused) {
      stopped.delete(video);
      video.play().catch(() => {});
    } else {
      stopped.add(video);
      video.pause();
    }
  };
  label();
  video.addEventListener("play", label);
  video.addEventListener("pause", label);
  button.addEventListener("click", toggle);
  video.addEventListener("click", toggle);
  video.controls = false;
  video.parentElement.querySelector(".gif-badge")?.replaceWith(button);
  inView.observe(video);
}

// A visitor who turns motion off while reading gets every GIF stopped, with its controls back.
motion.addEventListener("change", () => {
  if (motion.matches) return;
  for (const video of document.querySelectorAll("video.tweet-gif")) {
    inView.unobserve(video);
    video.pause();
    video.controls = true;
  }
});
