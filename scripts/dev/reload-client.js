// Live reload for `npm run dev`, injected into every HTML page the dev server sends.
// The server says "reload" after each rebuild (or failed build: the page then carries the
// error overlay). After a lost connection (the server restarted) it reloads only if a build
// happened in between.
(() => {
  let seen;
  const connect = () => {
    const socket = new WebSocket(`ws://${location.host}/__dev/ws`);
    // The server makes the pages open in a browser first, ahead of the rest of the site.
    socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'page', path: location.pathname })));
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(event.data);
      if (message.type === 'hello' && seen !== undefined && message.version !== seen) location.reload();
      if (message.type === 'hello') seen = message.version;
      if (message.type === 'reload') location.reload();
    });
    socket.addEventListener('close', () => setTimeout(connect, 1000));
  };
  connect();
})();
