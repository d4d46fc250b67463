// No file at all without the site's address: a sitemap's addresses must be absolute.
export default { permalink: (data) => (data.wall.site.origin ? "/sitemap.xml" : false) };
