// Neighbouring counties' directories, shown with the county's own (the `neighbours` attribute:
// their URLs, separated by spaces). The core merges them (ServiceFinder.fromJsonList): each
// neighbour's entry keeps its source for the card, the same entry in two files is shown once,
// and the own county's entries come first at equal relevance. A neighbour's file that cannot be
// fetched or read is left out with a warning for the webmaster; the own directory still shows.

import { ServiceFinder } from './core.js';

/** The neighbours' directories: each one's URL and bytes, those that could be fetched. */
export async function fetchNeighbours(attribute, signal) {
  const urls = (attribute ?? '').split(/\s+/).filter(Boolean).map((url) => new URL(url, document.baseURI));
  const fetched = await Promise.all(urls.map(async (url) => {
    try {
      const response = await fetch(url, { credentials: 'same-origin', signal });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return { url: url.href, bytes: await response.arrayBuffer() };
    } catch (error) {
      if (signal.aborted) throw error;
      console.warn(`service-finder: the neighbours' directory ${url} could not be loaded and is left out:`, error);
      return null;
    }
  }));
  return fetched.filter(Boolean);
}

/**
 * The finder for the own directory's `bytes` with the `neighbours` merged in. A neighbour's file
 * that is not a directory at all is found by reading each alone (only then), and left out.
 */
export function mergedFinder(bytes, neighbours) {
  try {
    return { finder: ServiceFinder.fromJsonList([bytes, ...neighbours.map((neighbour) => neighbour.bytes)]), neighbours };
  } catch {
    const readable = neighbours.filter(({ url, bytes: neighbourBytes }) => {
      try {
        ServiceFinder.fromJson(neighbourBytes).free();
        return true;
      } catch (error) {
        console.warn(`service-finder: the neighbours' directory ${url} is not a directory and is left out:`, error);
        return false;
      }
    });
    return { finder: ServiceFinder.fromJsonList([bytes, ...readable.map((neighbour) => neighbour.bytes)]), neighbours: readable };
  }
}
