// No file at all without the site's address: a feed's links and ids must be absolute.
export default { permalink: (data) => (data.wall.feed ? "/feed.xml" : false) };
