// No page for an empty wall: there is nothing to count.
export default { permalink: (data) => (data.wall.stats ? `${data.wall.stats.path}index.html` : false) };
