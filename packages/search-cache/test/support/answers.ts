import { randomBytes } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const spotifyId = () => Array.from(randomBytes(22), (byte) => BASE62[byte % 62]).join('');
const imageId = () => randomBytes(20).toString('hex');

/**
 * A search answer's JSON as the api stores it: `albums` albums of one artist with random ids (as random as Spotify's:
 * they are what compression cannot shrink), about 2 KB for 10 albums, like real answers.
 */
export function answerJson(albums = 10, artistName = `Artist ${spotifyId().slice(0, 6)}`): string {
  const artistId = spotifyId();
  return JSON.stringify({
    artist: { id: artistId, name: artistName, imageUrl: `https://i.scdn.co/image/ab6761610000e5eb${imageId()}`, spotifyUrl: `https://open.spotify.com/artist/${artistId}` },
    albums: Array.from({ length: albums }, (_, index) => {
      const id = spotifyId();
      return {
        id,
        name: `Album number ${index} ${spotifyId().slice(0, 5)}`,
        artists: [{ id: artistId, name: artistName }],
        releaseDate: `20${String(10 + index).padStart(2, '0')}-0${1 + (index % 9)}-1${index % 10}`,
        totalTracks: 8 + index,
        imageUrl: `https://i.scdn.co/image/ab67616d0000b273${imageId()}`,
        spotifyUrl: `https://open.spotify.com/album/${id}`,
        albumType: index % 3 === 0 ? 'single' : 'album',
      };
    }),
    paging: { limit: 10, offset: 0, total: albums, hasMore: false, nextOffset: null },
  });
}
